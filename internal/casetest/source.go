package casetest

import (
	"os"
	"path/filepath"
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
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := driver.Run(driver.Options{Paths: []string{path}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	c, err := expect.ParsePython(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []expect.Diag
	for _, d := range res.Diagnostics {
		got = append(got, expect.Diag{Line: int(d.Range.Start.Line), Code: d.Code, Message: d.Message})
	}
	for _, p := range c.Match(got) {
		t.Error(p)
	}
}
