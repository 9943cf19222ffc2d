package blockingcall_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers/blockingcall"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the fix cases")

const casesDir = "../../testdata/python/blockingcall"

// run checks paths with only the AL2 rules selected (other families have
// their own cases).
func run(t *testing.T, paths ...string) *driver.Result {
	t.Helper()
	res, err := driver.Run(driver.Options{Paths: paths, Config: &config.Config{Select: []string{"AL2"}}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCases runs the driver over each case (a file, or a directory of
// modules that import each other) and matches every "# want:" of it.
func TestCases(t *testing.T) {
	entries, err := os.ReadDir(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		path := filepath.Join(casesDir, e.Name())
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".py") {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			res := run(t, path)
			files := []string{path}
			if e.IsDir() {
				files, _ = filepath.Glob(filepath.Join(path, "*.py"))
			}
			for _, file := range files {
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				c, err := expect.ParsePython(file, src)
				if err != nil {
					t.Fatal(err)
				}
				var got []expect.Diag
				for _, d := range res.Diagnostics {
					if filepath.Clean(d.Range.File) == filepath.Clean(file) {
						got = append(got, expect.Diag{Line: d.Range.Start.Line, Code: d.Code, Message: d.Message})
					}
				}
				for _, p := range c.Match(got) {
					t.Error(p)
				}
			}
		})
	}
	if n < 5 {
		t.Fatalf("found %d cases in %s", n, casesDir)
	}
}

// TestFixGolden applies the safe fixes of each case that has a .golden
// file and compares the result byte for byte.
func TestFixGolden(t *testing.T) {
	goldens, _ := filepath.Glob(filepath.Join(casesDir, "*.py.golden"))
	if len(goldens) == 0 {
		t.Fatal("no golden files")
	}
	for _, golden := range goldens {
		input := strings.TrimSuffix(golden, ".golden")
		t.Run(filepath.Base(input), func(t *testing.T) {
			src, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			res := run(t, input)
			got := applySafe(t, src, res.Diagnostics)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("fixed %s differs from %s:\n--- got ---\n%s\n--- want ---\n%s", input, golden, got, want)
			}
		})
	}
}

// applySafe applies every safe fix; edits of one import insertion shared
// by several fixes are applied once.
func applySafe(t *testing.T, src []byte, diags []asyncir.Diagnostic) []byte {
	t.Helper()
	var edits []asyncir.Edit
	seen := map[[2]int]string{}
	for _, d := range diags {
		for _, f := range d.Fixes {
			if f.Applicability != asyncir.Safe {
				continue
			}
			for _, e := range f.Edits {
				k := [2]int{e.Range.Start.Offset, e.Range.End.Offset}
				if prev, ok := seen[k]; ok && prev == e.NewText {
					continue
				}
				seen[k] = e.NewText
				edits = append(edits, e)
			}
		}
	}
	slices.SortStableFunc(edits, func(a, b asyncir.Edit) int { return b.Range.Start.Offset - a.Range.Start.Offset })
	out := append([]byte(nil), src...)
	last := len(out) + 1
	for _, e := range edits {
		s, end := e.Range.Start.Offset, e.Range.End.Offset
		if end > last {
			t.Fatalf("overlapping edits at offset %d", s)
		}
		out = append(out[:s:s], append([]byte(e.NewText), out[end:]...)...)
		last = s
	}
	return out
}

// TestValidate checks the family's metadata and docs.
func TestValidate(t *testing.T) {
	if err := asyncir.Validate([]*asyncir.Analyzer{blockingcall.Analyzer}); err != nil {
		t.Fatal(err)
	}
	for _, r := range blockingcall.Analyzer.Rules {
		for _, h := range []string{"### What it does", "### Why is this bad?", "### Example", "### Use instead"} {
			if !strings.Contains(r.Doc, h) {
				t.Errorf("%s: doc lacks %q", r.Code, h)
			}
		}
	}
}
