package main

import (
	"fmt"
	"io"
	"os"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/fix"
)

// addNoqa is check --add-noqa: suppress every finding shown (severity
// shown or higher) on its line, so a code base can adopt asynclint in CI
// at once and fix over time. Exit 0 once written, 2 on an I/O error.
func addNoqa(res *driver.Result, shown asyncir.Severity, stdout, stderr io.Writer) int {
	nr, err := fix.AddNoqa(atLeast(res.Diagnostics, shown), res.Program, os.ReadFile)
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return 2
	}
	for _, w := range nr.Warnings {
		fmt.Fprintf(stderr, "asynclint: warning: %s\n", w)
	}
	for _, c := range nr.Changes {
		if err := fix.Write(c.Path, c.Fixed); err != nil {
			fmt.Fprintf(stderr, "asynclint: writing %s: %v\n", c.Path, err)
			return 2
		}
	}
	fmt.Fprintf(stdout, "asynclint: added %d suppressions to %d files\n", nr.Added, len(nr.Changes))
	return 0
}
