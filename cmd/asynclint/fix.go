package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/fix"
	"github.com/asynclint/asynclint/internal/output"
)

// fixFlags are check's fix options (ruff's names and meanings).
type fixFlags struct {
	fix, unsafeFixes, diff bool
}

func (f *fixFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.fix, "fix", false, "apply safe fixes, then report what remains")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "also apply unsafe fixes (implies --fix unless --diff)")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff and write nothing")
}

func (f fixFlags) enabled() bool { return f.fix || f.unsafeFixes || f.diff }

// applyFixes runs the fix loop. With --diff it prints the diff and is done
// (exit 1 when there is something to fix, as ruff does); with --fix it
// writes the files and returns the diagnostics that remain for the
// normal report.
// Only findings of severity shown or higher are fixed: what is not shown
// is not changed either.
func applyFixes(f fixFlags, opts driver.Options, shown asyncir.Severity, diags []asyncir.Diagnostic, stdout, stderr io.Writer) ([]asyncir.Diagnostic, int, bool) {
	min := asyncir.Safe
	if f.unsafeFixes {
		min = asyncir.Unsafe
	}
	var skip func(string) bool
	if !f.diff {
		skip = readOnlyFiles(stderr)
	}
	res, err := fix.Run(diags, fix.Options{Min: min, Skip: skip, Check: func(overlay map[string][]byte) ([]asyncir.Diagnostic, error) {
		o := opts
		o.Overlay = overlay
		r, err := driver.Run(o)
		if err != nil {
			return nil, err
		}
		return atLeast(r.Diagnostics, shown), nil
	}})
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: fixing: %v\n", err)
		return nil, 2, true
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "asynclint: warning: %s\n", w)
	}
	if f.diff {
		if err := fix.Diff(stdout, res.Changes); err != nil {
			fmt.Fprintf(stderr, "asynclint: writing diff: %v\n", err)
			return nil, 2, true
		}
		if len(res.Changes) > 0 {
			fmt.Fprintf(stderr, "asynclint: would apply %s to %s\n", count(res.Applied, "fix", "fixes"), count(len(res.Changes), "file", "files"))
			return nil, 1, true
		}
		fmt.Fprintln(stderr, "asynclint: no fixes to apply")
		return nil, 0, true
	}
	written := 0
	for _, c := range res.Changes {
		// A file that vanished or became read-only since it was read is
		// a warning for that file; the others are still written.
		if err := fix.Write(c.Path, c.Fixed); err != nil {
			fmt.Fprintf(stderr, "asynclint: warning: %s: %v\n", c.Path, unwrapPath(err))
			continue
		}
		written++
	}
	switch {
	case written > 0:
		fmt.Fprintf(stderr, "asynclint: applied %s to %s\n", count(res.Applied, "fix", "fixes"), count(written, "file", "files"))
	case len(res.Changes) == 0:
		fmt.Fprintln(stderr, "asynclint: no fixes to apply")
	}
	return res.Diagnostics, 0, false
}

// readOnlyFiles reports the files --fix must leave alone (no write
// permission), warning once for each.
func readOnlyFiles(stderr io.Writer) func(string) bool {
	known := map[string]bool{}
	return func(path string) bool {
		ro, seen := known[path]
		if !seen {
			fi, err := os.Stat(path)
			ro = err == nil && fix.ReadOnly(fi)
			known[path] = ro
			if ro {
				fmt.Fprintf(stderr, "asynclint: warning: %s: %v\n", path, fix.ErrReadOnly)
			}
		}
		return ro
	}
}

// count is "1 fix" or "3 fixes".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sarifTool describes asynclint in SARIF logs.
func sarifTool() output.Tool {
	return output.Tool{Name: "asynclint", Version: version, InformationURI: "https://asynclint.dev",
		Analyzers: driver.Analyzers(), Source: os.ReadFile}
}

// hintFixable tells a text-format user how many findings --fix would
// resolve (ruff's "[*] N fixable with the --fix option").
func hintFixable(stderr io.Writer, diags []asyncir.Diagnostic) {
	safe, unsafe := 0, 0
	for _, d := range diags {
		best := asyncir.DisplayOnly
		for _, f := range d.Fixes {
			best = max(best, f.Applicability)
		}
		switch best {
		case asyncir.Safe:
			safe++
		case asyncir.Unsafe:
			unsafe++
		}
	}
	if safe > 0 {
		fmt.Fprintf(stderr, "asynclint: %d fixable with --fix (--diff to preview)\n", safe)
	}
	if unsafe > 0 {
		fmt.Fprintf(stderr, "asynclint: %d more fixable with --unsafe-fixes\n", unsafe)
	}
}
