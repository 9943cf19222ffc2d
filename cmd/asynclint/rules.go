package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/asynclint/asynclint/internal/driver"
)

func rules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "asynclint rules: unexpected argument %q\n", args[0])
		return 2
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tFAMILY\tLANGUAGE\tSEVERITY\tFIX\tSUMMARY")
	for _, a := range driver.Analyzers() {
		for _, r := range a.Rules {
			fix := "-"
			if r.Fix != nil {
				fix = r.Fix.String()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Code, r.Name, a.Name, r.Language, r.Severity, fix, r.Summary)
		}
	}
	tw.Flush()
	return 0
}

func explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: asynclint explain CODE")
		return 2
	}
	code := strings.ToUpper(args[0])
	for _, a := range driver.Analyzers() {
		for _, r := range a.Rules {
			if r.Code == code || r.Name == args[0] {
				fmt.Fprintf(stdout, "%s (%s) — family %s, default severity %s\n\n%s", r.Code, r.Name, a.Name, r.Severity, r.Doc)
				return 0
			}
		}
	}
	fmt.Fprintf(stderr, "asynclint explain: unknown rule %q (see \"asynclint rules\")\n", args[0])
	return 2
}
