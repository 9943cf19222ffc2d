package pyfront

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// Pruning removes what no current layout writes at once, and the least
// recently used entries once the directory is over its bound.
func TestPruneLibCache(t *testing.T) {
	dir := t.TempDir()
	write := func(rel string, size int, age time.Duration) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		os.Chtimes(p, at, at)
		return p
	}
	stale := write("0123abcd.py", 10, 0)                   // a reduced copy of an older format
	orphan := write("trees/x.1.2.3.tmp", 10, 48*time.Hour) // a killed writer's
	fresh := write("trees/y.4.5.6.tmp", 10, 0)             // a writer still at work
	pkg := write("pkg-0a0b", 10, 0)
	oldest := write("trees/a", 400, 30*time.Hour)
	older := write("split/b", 400, 20*time.Hour)
	newer := write("trees/c", 400, 10*time.Hour)

	pruneLibCache(dir, 2000, 1000)
	for _, p := range []string{stale, orphan} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s kept", p)
		}
	}
	for _, p := range []string{fresh, pkg, oldest, older, newer} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed under the bound", p)
		}
	}

	// 1210 bytes over a bound of 1000: the oldest go until at most 500 remain.
	pruneLibCache(dir, 1000, 500)
	for _, p := range []string{oldest, older} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s kept over the bound", p)
		}
	}
	for _, p := range []string{newer, pkg, fresh} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed though the oldest sufficed", p)
		}
	}
}

// Reading an entry marks it used, so an entry a warm run keeps reading
// is the last to go.
func TestReadLibCacheMarksUse(t *testing.T) {
	p := filepath.Join(t.TempDir(), "e")
	os.WriteFile(p, []byte("tree"), 0o644)
	at := time.Now().Add(-48 * time.Hour)
	os.Chtimes(p, at, at)
	b, err := readLibCache(p)
	if err != nil || string(b) != "tree" {
		t.Fatalf("read %q, %v", b, err)
	}
	info, _ := os.Stat(p)
	if time.Since(info.ModTime()) > time.Hour {
		t.Errorf("modification time %v not refreshed", info.ModTime())
	}
}

// A run that writes to the library cache prunes it; the entries it wrote
// stay, and a second run finds them and writes nothing.
func TestLibraryRunPrunes(t *testing.T) {
	cache, root := t.TempDir(), t.TempDir()
	writeTree(t, filepath.Join(root, "site"), site)
	writeTree(t, filepath.Join(root, "proj"), map[string]string{"app.py": app})
	run := func() {
		lib := NewLibrary(&Environment{Sites: []string{filepath.Join(root, "site")}}, cache)
		Load([]File{{Path: filepath.Join(root, "proj", "app.py")}}, asyncir.PythonModels(), Options{Library: lib})
	}
	stale := filepath.Join(cache, "lib", "0123abcd.py")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("x = 1\n"), 0o644)
	run()
	if _, err := os.Stat(stale); err == nil {
		t.Error("a file of an older cache format survived a run that wrote")
	}
	trees, _ := os.ReadDir(filepath.Join(cache, "lib", "trees"))
	splits, _ := os.ReadDir(filepath.Join(cache, "lib", "split"))
	if len(trees) == 0 || len(splits) == 0 {
		t.Fatalf("%d trees and %d splits stored", len(trees), len(splits))
	}
	os.WriteFile(stale, []byte("x = 1\n"), 0o644)
	run()
	if _, err := os.Stat(stale); err != nil {
		t.Error("a run that wrote nothing listed and pruned the cache")
	}
	// A run that writes within the hour does not list it again either;
	// an hour later it does.
	os.WriteFile(filepath.Join(root, "site", "netlib", "extra.py"), []byte("async def go():\n    pass\n"), 0o644)
	writeTree(t, filepath.Join(root, "proj"), map[string]string{"app.py": app + "\nfrom netlib.extra import go\ngo()\n"})
	run()
	if _, err := os.Stat(stale); err != nil {
		t.Error("pruned twice within the hour")
	}
	at := time.Now().Add(-2 * time.Hour)
	os.Chtimes(filepath.Join(cache, "lib", libCachePruned), at, at)
	writeTree(t, filepath.Join(root, "proj"), map[string]string{"app.py": app + "\nfrom netlib.extra import go as g2\ng2()\n"})
	os.Chtimes(filepath.Join(root, "site", "netlib", "extra.py"), at, at) // a new split
	run()
	if _, err := os.Stat(stale); err == nil {
		t.Error("not pruned an hour later")
	}
}
