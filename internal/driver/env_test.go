package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
)

// TestUnusableInterpreter: an interpreter the user names that cannot
// answer (it fails, or is missing) is one warning naming it, and the run
// goes on with the project alone, with and without the result cache.
func TestUnusableInterpreter(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	app := filepath.Join(dir, "app.py")
	src := "import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    work()\n"
	if err := os.WriteFile(app, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	failing := filepath.Join(dir, "bin", "python3")
	os.MkdirAll(filepath.Dir(failing), 0o755)
	if err := os.WriteFile(failing, []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, py := range []string{failing, filepath.Join(dir, "missing", "python3")} {
		for _, cached := range []bool{false, true} {
			opts := Options{Paths: []string{app}, Config: &config.Config{Python: py}}
			if cached {
				opts.Cache = cache.Open(t.TempDir())
			}
			res, err := Run(opts)
			if err != nil {
				t.Fatalf("%s: %v", py, err)
			}
			if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], py+": ") || strings.Contains(res.Warnings[0], "\n") {
				t.Errorf("%s (cached %v): warnings %q, want one line naming it", py, cached, res.Warnings)
			}
			if res.Python != "" || len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "AL101" {
				t.Errorf("%s (cached %v): python %q, diagnostics %v; want the project's AL101 alone", py, cached, res.Python, res.Diagnostics)
			}
		}
	}
}
