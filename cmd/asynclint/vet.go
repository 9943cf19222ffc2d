package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/asynclint/asynclint/analyzers/all"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/gofront"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// vetMain serves `go vet -vettool=$(command -v asynclint)`: go vet runs
// the tool with -V=full (to key its cache), with -flags (to learn its
// flags), and then once per package with flags and a JSON *.cfg file.
// For those invocations it runs the unitchecker protocol with every
// family that has Go rules, and does not return; otherwise it reports
// false and the command line is asynclint's own.
//
// What go vet shows goes through the same policy as check: the
// configuration found from the package's directory (where go vet runs the
// tool), severities by tier and test profile, findings merged by root
// cause, and only those at the shown minimum severity (warning by
// default), so vet fails on exactly what check reports.
func vetMain(args []string) (handled bool) {
	if !isVetInvocation(args) {
		return false
	}
	if len(args) == 1 && args[0] == "-V=full" {
		if err := vetVersion(os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	cfg, err := vetConfig()
	if err != nil {
		fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
		os.Exit(2)
	}
	acfg := driver.AnalyzerConfig(cfg, asyncir.GoModels())
	shown := cfg.ShownSeverity()
	present := func(prog *asyncir.Program, diags []asyncir.Diagnostic) []asyncir.Diagnostic {
		return atLeast(driver.Present(diags, prog, cfg, acfg), shown)
	}
	unitchecker.Main(gofront.PresentedAnalyzers(all.Analyzers(), acfg, present)...)
	return true
}

// vetVersion answers go vet's -V=full, whose build ID keys go vet's
// cache of results: it hashes the executable, as unitchecker does, and
// also the configuration found from the directory go vet runs in, so that
// editing that configuration is not answered from results cached under
// the old one.
func vetVersion(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	h := sha256.New()
	for _, p := range []string{exe, config.Find(".")} {
		if p == "" {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
	}
	_, err = fmt.Fprintf(w, "%s version devel comments-go-here buildID=%x\n", exe, h.Sum(nil))
	return err
}

// vetConfig is the configuration that governs the working directory, or
// the defaults when there is none.
func vetConfig() (*config.Config, error) {
	path := config.Find(".")
	if path == "" {
		return &config.Config{}, nil
	}
	return loadConfigFile(path)
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
