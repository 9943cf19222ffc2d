package blockingcall_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
	"github.com/asynclint/asynclint/pyfront"
)

// TestInstalledLibrary checks that a coroutine calling an installed
// library's synchronous function that blocks is reported through the
// library, as through the project's own helpers, and only over the short
// chains followed into a library (testdata/library/site is the fake
// environment).
func TestInstalledLibrary(t *testing.T) {
	dir := filepath.Join("testdata", "library")
	app := filepath.Join(dir, "app.py")
	models := driver.Models(nil)
	lib := pyfront.NewLibrary(&pyfront.Environment{Sites: []string{filepath.Join(dir, "site")}}, "-")
	res := pyfront.Load([]pyfront.File{{Path: app}}, models, pyfront.Options{Library: lib})
	if len(res.Warnings) > 0 {
		t.Fatal(res.Warnings)
	}
	diags, err := driver.Analyze(res.Program, driver.Analyzers(), driver.AnalyzerConfig(nil, models))
	if err != nil {
		t.Fatal(err)
	}
	var got []expect.Diag
	for _, d := range diags {
		if strings.HasPrefix(d.Code, "AL2") {
			got = append(got, expect.Diag{Line: int(d.Range.Start.Line), Code: d.Code, Message: d.Message})
		}
	}
	src, err := os.ReadFile(app)
	if err != nil {
		t.Fatal(err)
	}
	c, err := expect.ParsePython(app, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Match(got) {
		t.Error(p)
	}
}
