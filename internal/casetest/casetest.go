// Package casetest runs the analyzers over the Python cases of testdata and
// checks their "# want:" expectations and fix golden files, with
// analysistest's strictness: unexpected, unmatched and leftover
// expectations all fail with file:line messages.
package casetest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
)

var update = flag.Bool("update", false, "rewrite .golden files")

// Run checks every case under dir: each top-level .py file on its own, each
// subdirectory as one program. Only codes with the given prefix count.
func Run(t *testing.T, dir, prefix string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() || strings.HasSuffix(e.Name(), ".py") {
			n++
			t.Run(e.Name(), func(t *testing.T) { runCase(t, p, prefix) })
		}
	}
	if n == 0 {
		t.Fatalf("no cases in %s", dir)
	}
}

func runCase(t *testing.T, path, prefix string) {
	// Cases expect every finding at its own call site, as the runtime
	// observes them (verify), so roots are not merged here.
	res, err := driver.Run(driver.Options{Paths: []string{path}, Config: &config.Config{AllSites: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
	byFile := map[string][]expect.Diag{}
	// safe holds the edits of safe fixes, unsafe those of safe and unsafe
	// ones (what --unsafe-fixes applies).
	safe, unsafe := map[string][]asyncir.Edit{}, map[string][]asyncir.Edit{}
	hasUnsafe := map[string]bool{}
	for _, d := range res.Diagnostics {
		if !strings.HasPrefix(d.Code, prefix) {
			continue
		}
		byFile[d.Range.File] = append(byFile[d.Range.File], expect.Diag{Line: int(d.Range.Start.Line), Code: d.Code, Message: d.Message})
		for _, f := range d.Fixes {
			if f.Applicability == asyncir.DisplayOnly {
				continue
			}
			// Fixes of several diagnostics may share an edit (one
			// "import asyncio" for every time.sleep); apply it once.
			for _, e := range f.Edits {
				if f.Applicability == asyncir.Safe && !slices.Contains(safe[d.Range.File], e) {
					safe[d.Range.File] = append(safe[d.Range.File], e)
				}
				if !slices.Contains(unsafe[d.Range.File], e) {
					unsafe[d.Range.File] = append(unsafe[d.Range.File], e)
				}
			}
			if f.Applicability == asyncir.Unsafe {
				hasUnsafe[d.Range.File] = true
			}
		}
	}
	var files []string
	filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := expect.ParsePython(f, src)
		if err != nil {
			t.Fatal(err)
		}
		var ds []expect.Diag
		for _, d := range byFile[f] {
			if strings.HasPrefix(d.Code, prefix) {
				ds = append(ds, d)
			}
		}
		for _, p := range c.Match(ds) {
			t.Error(p)
		}
		checkGolden(t, f, ".golden", src, safe[f])
		if !hasUnsafe[f] {
			unsafe[f] = nil
		}
		checkGolden(t, f, ".unsafe.golden", src, unsafe[f])
	}
}

// checkGolden compares the file with edits applied to f+suffix: its safe
// fixes to f.golden, and, when it has unsafe ones, its safe and unsafe
// fixes to f.unsafe.golden. A file without such fixes has no golden.
func checkGolden(t *testing.T, f, suffix string, src []byte, edits []asyncir.Edit) {
	golden := f + suffix
	got := src
	if len(edits) > 0 {
		var err error
		if got, err = asyncir.ApplyEdits(src, edits); err != nil {
			t.Errorf("%s: %v", f, err)
			return
		}
	}
	if *update && len(edits) > 0 {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if *update && len(edits) == 0 {
		os.Remove(golden)
		return
	}
	want, err := os.ReadFile(golden)
	if os.IsNotExist(err) {
		if len(edits) > 0 {
			t.Errorf("%s: has fixes but no %s (run with -update and review it)", f, filepath.Base(golden))
		}
		return
	}
	if len(edits) == 0 {
		t.Errorf("%s: has no such fixes, but %s exists", f, filepath.Base(golden))
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: fixed output differs from %s:\n%s", f, filepath.Base(golden), got)
	}
}

// Severity is one expectation of a version-dependent rule: checked at
// Target, the rule's diagnostics in File have severity Want.
type Severity struct {
	File   string
	Code   string
	Target asyncir.Version
	Want   asyncir.Severity
}

// Severities checks that the target version decides the severity of the
// version-dependent rules; files are relative to dir.
func Severities(t *testing.T, dir string, cases []Severity) {
	t.Helper()
	for _, tc := range cases {
		res, err := driver.Run(driver.Options{Paths: []string{filepath.Join(dir, tc.File)}, Config: &config.Config{TargetVersion: tc.Target}})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range res.Diagnostics {
			if d.Code != tc.Code {
				continue
			}
			n++
			if d.Severity != tc.Want {
				t.Errorf("%s %s at %s: severity %v, want %v (%s)", tc.File, tc.Code, tc.Target, d.Severity, tc.Want, d.Message)
			}
		}
		if n == 0 {
			t.Errorf("%s: no %s reported at target %s", tc.File, tc.Code, tc.Target)
		}
	}
}
