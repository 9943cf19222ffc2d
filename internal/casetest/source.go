package casetest

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
)

// CheckSource checks the "# want:" expectations of one Python source
// written to a temporary file named name, under cfg: for cases that are
// not runnable programs (placeholder values, calls whose runtime warning
// names another line), which testdata's runtime-verified cases cannot
// hold.
func CheckSource(t *testing.T, name, src string, cfg *config.Config) {
	t.Helper()
	CheckFiles(t, map[string]string{name: src}, cfg)
}

// CheckFiles is CheckSource for a program of several files, keyed by
// their slash-separated paths: every file's expectations are checked.
func CheckFiles(t *testing.T, files map[string]string, cfg *config.Config) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := driver.Run(driver.Options{Paths: []string{dir}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]expect.Diag{}
	for _, d := range res.Diagnostics {
		got[d.Range.File] = append(got[d.Range.File], expect.Diag{Line: int(d.Range.Start.Line), Code: d.Code, Message: d.Message})
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		c, err := expect.ParsePython(path, []byte(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.Match(got[path]) {
			t.Error(p)
		}
	}
}
