package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/asynclint/asynclint/analyzers/all"
	"github.com/asynclint/asynclint/gofront"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// vetMain serves `go vet -vettool=$(command -v asynclint)`: go vet runs
// the tool with -V=full (to key its cache), with -flags (to learn its
// flags), and then once per package with flags and a JSON *.cfg file.
// For those invocations it runs the unitchecker protocol with every
// family that has Go rules, and does not return; otherwise it reports
// false and the command line is asynclint's own.
func vetMain(args []string) (handled bool) {
	if !isVetInvocation(args) {
		return false
	}
	unitchecker.Main(gofront.Analyzers(all.Analyzers(), nil)...)
	return true
}

func isVetInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if args[0] == "-flags" || strings.HasPrefix(args[0], "-V=") {
		return true
	}
	for _, a := range args[:len(args)-1] {
		if !strings.HasPrefix(a, "-") {
			return false
		}
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg")
}

// vetHelp lists what the go vet protocol runs: the analyzers with Go
// rules, each of which go vet can turn off with -NAME=false.
func vetHelp(w io.Writer) {
	fmt.Fprint(w, "\nUnder go vet -vettool=$(command -v asynclint) ./..., the Go rules run as these analyzers\n(turn one off with -NAME=false, e.g. go vet -vettool=... -blockingcall=false ./...):\n\n")
	for _, a := range gofront.Analyzers(all.Analyzers(), nil) {
		fmt.Fprintf(w, "  %-14s %s\n", a.Name, strings.SplitN(a.Doc, "\n", 2)[0])
	}
}
