package driver

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
)

// A project that reads an installed library: any edit re-checks every
// file (what the library loader learned is shared by all of them), and
// an edit to the installed file itself invalidates the entry.
func TestCacheInstalledLibrary(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("VIRTUAL_ENV", "")
	proj := t.TempDir()
	venv := filepath.Join(proj, ".venv")
	if out, err := exec.Command(python, "-m", "venv", "--without-pip", venv).CombinedOutput(); err != nil {
		t.Skipf("python3 -m venv: %v\n%s", err, out)
	}
	sites, _ := filepath.Glob(filepath.Join(venv, "lib", "python3*", "site-packages"))
	if len(sites) != 1 {
		t.Fatalf("site-packages of the venv: %q", sites)
	}
	lib := filepath.Join(sites[0], "fakelib.py")
	writeTree(t, sites[0], map[string]string{"fakelib.py": "async def fetch():\n    return 1\n"})
	writeTree(t, proj, map[string]string{
		"app.py":   "import fakelib\n\n\nasync def main():\n    fakelib.fetch()\n",
		"other.py": chain["e.py"],
	})
	cfg := &config.Config{Python: venv}
	c := newCache(t)
	first := compareRuns(t, proj, cfg, c)
	if first.LibraryFiles == 0 || !strings.Contains(render(t, first).text, "app.py:5:5") {
		t.Fatalf("the fixture read no installed file (%d) or found nothing:\n%s", first.LibraryFiles, render(t, first).text)
	}
	if res := compareRuns(t, proj, cfg, c); res.Cached != 2 {
		t.Errorf("an unchanged tree: %d files from the cache, want 2", res.Cached)
	}
	edit(t, filepath.Join(proj, "other.py"), chain["e.py"]+"\n")
	if res := compareRuns(t, proj, cfg, c); res.Cached != 0 {
		t.Errorf("after an edit: %d files from the cache, want none (the library ties them)", res.Cached)
	}
	// fetch is no longer a coroutine function: the finding in app.py goes.
	edit(t, lib, "def fetch():\n    return 1\n")
	if res := compareRuns(t, proj, cfg, c); res.Cached != 0 || strings.Contains(render(t, res).text, "app.py") {
		t.Errorf("after the installed file changed: %d files from the cache, findings\n%s", res.Cached, render(t, res).text)
	}
	if err := os.Remove(lib); err != nil {
		t.Fatal(err)
	}
	compareRuns(t, proj, cfg, c)
}
