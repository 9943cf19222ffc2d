// Package casetest runs an analyzer family over its runnable Python cases
// (testdata/python/<family>/*.py) and checks the "# want:" expectations
// and, for cases whose diagnostics carry fixes, the ".golden" file of the
// fixed source beside the case (-update rewrites the golden files).
package casetest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the cases")

// Run checks every case of dir against the diagnostics of the analyzer
// named family, at the default target version.
func Run(t *testing.T, dir, family string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in %s (%v)", dir, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			diags := Diagnostics(t, file, family, nil)
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := expect.ParsePython(file, src)
			if err != nil {
				t.Fatal(err)
			}
			var got []expect.Diag
			for _, d := range diags {
				got = append(got, expect.Diag{Line: d.Range.Start.Line, Code: d.Code, Message: d.Message})
			}
			for _, p := range c.Match(got) {
				t.Error(p)
			}
			checkGolden(t, file, src, diags)
		})
	}
}

// Diagnostics runs the driver over one file and keeps the family's
// diagnostics; cfg may set the target version.
func Diagnostics(t *testing.T, file, family string, cfg *config.Config) []asyncir.Diagnostic {
	t.Helper()
	res, err := driver.Run(driver.Options{Paths: []string{file}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var out []asyncir.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Analyzer == family {
			out = append(out, d)
		}
	}
	return out
}

// checkGolden applies every fix (the first alternative of each
// diagnostic) and compares the result with file.golden.
func checkGolden(t *testing.T, file string, src []byte, diags []asyncir.Diagnostic) {
	t.Helper()
	golden := file + ".golden"
	var edits []asyncir.Edit
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			edits = append(edits, d.Fixes[0].Edits...)
		}
	}
	want, err := os.ReadFile(golden)
	if len(edits) == 0 {
		if err == nil {
			t.Errorf("%s exists but no diagnostic of %s offers a fix", golden, file)
		}
		return
	}
	got, aerr := Apply(src, edits)
	if aerr != nil {
		t.Fatalf("%s: %v", file, aerr)
	}
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: fixes offered but no golden file (run with -update and review it)", file)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: fixed source differs from %s:\n--- got\n%s\n--- want\n%s", file, golden, got, want)
	}
}

// Apply applies non-overlapping edits to src.
func Apply(src []byte, edits []asyncir.Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b asyncir.Edit) int { return a.Range.Start.Offset - b.Range.Start.Offset })
	var out bytes.Buffer
	pos := 0
	for _, e := range edits {
		s, end := e.Range.Start.Offset, e.Range.End.Offset
		if s < pos || end < s || end > len(src) {
			return nil, fmt.Errorf("edit %d..%d overlaps or is out of range", s, end)
		}
		out.Write(src[pos:s])
		out.WriteString(e.NewText)
		pos = end
	}
	out.Write(src[pos:])
	return out.Bytes(), nil
}
