package pyfront

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestMentionsAsync(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"async def f(): ...\n", true},
		{"def f(x):\n    return await_all(x)\n", false},
		{"async def f(x):\n    await x\n", true},
		{"def f(): return 'async def ' + name\n", false},    // prose rich prints
		{"KEYWORDS = ['async for', 'await ']\n", false},     // a lexer's table
		{"ok = inspect.iscoroutinefunction(f)\n", false},    // no coroutine named
		{"class W(FutureWarning): ...\n", true},             // a word starting Future: kept
		{"def f() -> 'Future[int]': ...\n", true},           // a forward reference
		{"x = loop.create_task(c)\n", true},                 //
		{"# await the result, a coroutine\nx = 1\n", false}, // a comment
		{"s = 'unterminated\nawait x\n", true},              // does not scan: every byte is code
	} {
		if got := mentionsAsync([]byte(c.src)); got != c.want {
			t.Errorf("mentionsAsync(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

// syncSite has packages whose verdict depends on what their facades
// import.
var syncSite = map[string]string{
	// Prints "async def" and highlights with a package whose Future is
	// its own: nothing it gives is awaitable.
	"printer/__init__.py": "from .inspect import describe\n",
	"printer/inspect.py":  "import hilite\n\ndef describe(f):\n    if inspect.iscoroutinefunction(f):\n        return 'async def ' + hilite.paint(f)\n",
	"hilite/__init__.py":  "class Future:\n    pass\n\ndef paint(x):\n    return x\n",
	// A facade over an async package.
	"facade/__init__.py": "from _impl import fetch\n",
	"_impl/__init__.py":  "async def fetch(): ...\n",
	// Facades of each other.
	"cyc_a/__init__.py": "from cyc_b import x\n",
	"cyc_b/__init__.py": "from cyc_a import y\n",
	// A facade over a single-file module, and over typing constructs.
	"plainmod.py":           "def f():\n    pass\n",
	"useplain/__init__.py":  "from plainmod import f\n",
	"typingdep/__init__.py": "from typing_extensions import Literal\n",
	"typing_extensions.py":  "Awaitable = object\n",
}

func TestSyncPackages(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, syncSite)
	cache := t.TempDir()
	for _, run := range []string{"cold cache", "warm cache", "no cache"} {
		c := cache
		if run == "no cache" {
			c = "-"
		}
		lib := NewLibrary(&Environment{Sites: []string{dir}}, c)
		for top, want := range map[string]bool{
			"printer": true, "hilite": false, "facade": false, "_impl": false, "cyc_a": false, "cyc_b": false,
			"useplain": true, "typingdep": true,
			"plainmod": false, // a single-file module is read as it is
		} {
			if got := lib.syncOnly(0, top); got != want {
				t.Errorf("%s: syncOnly(%s) = %v, want %v", run, top, got, want)
			}
		}
	}
}

// TestSyncPackagesInvalidated checks that a cached verdict goes with the
// installed files it was made from: a single-file module edited, a file
// added to a package.
func TestSyncPackagesInvalidated(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, syncSite)
	cache := t.TempDir()
	for top, want := range map[string]bool{"useplain": true, "printer": true} {
		if got := NewLibrary(&Environment{Sites: []string{dir}}, cache).syncOnly(0, top); got != want {
			t.Fatalf("before the change: syncOnly(%s) = %v, want %v", top, got, want)
		}
	}
	later := time.Now().Add(time.Minute)
	writeTree(t, dir, map[string]string{
		"plainmod.py":    "async def f():\n    pass\n",
		"printer/aio.py": "async def describe_later(): ...\n",
	})
	for _, p := range []string{"plainmod.py", "printer"} {
		if err := os.Chtimes(filepath.Join(dir, p), later, later); err != nil {
			t.Fatal(err)
		}
	}
	for _, top := range []string{"useplain", "printer"} {
		if NewLibrary(&Environment{Sites: []string{dir}}, cache).syncOnly(0, top) {
			t.Errorf("after the change: %s is still synchronous", top)
		}
	}
}

// A verdict follows every file of the package: an edit in place in a
// subpackage changes neither the package directory's time nor any
// directory's, and an async verdict lapses when its file loses the
// construct.
func TestSyncVerdictFollowsFiles(t *testing.T) {
	cache, site := t.TempDir(), t.TempDir()
	writeTree(t, site, map[string]string{"syncpkg/__init__.py": "from .sub.mod import f\n", "syncpkg/sub/mod.py": "def f():\n    return 1\n"})
	verdict := func() bool { return NewLibrary(&Environment{Sites: []string{site}}, cache).syncOnly(0, "syncpkg") }
	if !verdict() || !verdict() {
		t.Fatal("a synchronous package judged async")
	}
	dirs := map[string]time.Time{}
	for _, d := range []string{"syncpkg", "syncpkg/sub"} {
		info, _ := os.Stat(filepath.Join(site, d))
		dirs[d] = info.ModTime()
	}
	mod := filepath.Join(site, "syncpkg", "sub", "mod.py")
	f, err := os.OpenFile(mod, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("async def f():\n    return 1\n")
	f.Close()
	for d, at := range dirs {
		if info, _ := os.Stat(filepath.Join(site, d)); !info.ModTime().Equal(at) {
			t.Fatalf("fixture: the edit in place changed %s's time", d)
		}
	}
	if verdict() {
		t.Error("after an async def was written into a subpackage's file: still synchronous")
	}
	os.WriteFile(mod, []byte("def f():\n    return 22\n"), 0o644)
	if !verdict() {
		t.Error("after the async def was removed again: still async")
	}
}

// The interpreter writing bytecode into a package's __pycache__ (as it
// imports the package) does not date the package's verdict: only source
// files and their directories are stamped.
func TestSyncVerdictIgnoresBytecode(t *testing.T) {
	cache, site := t.TempDir(), t.TempDir()
	writeTree(t, site, map[string]string{"syncpkg/__init__.py": "def f():\n    return 1\n", "syncpkg/__pycache__/old.pyc": "x"})
	verdict := func() bool { return NewLibrary(&Environment{Sites: []string{site}}, cache).syncOnly(0, "syncpkg") }
	if !verdict() {
		t.Fatal("a synchronous package judged async")
	}
	// The source changes behind the stamps' back (same size, same time):
	// only a rescan would see it.
	init := filepath.Join(site, "syncpkg", "__init__.py")
	info, _ := os.Stat(init)
	if err := os.WriteFile(init, []byte("async def f():\n  pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(init); after.Size() != info.Size() {
		t.Fatalf("fixture: sizes %d and %d differ", info.Size(), after.Size())
	}
	os.Chtimes(init, info.ModTime(), info.ModTime())
	later := time.Now().Add(time.Minute)
	writeTree(t, site, map[string]string{"syncpkg/__pycache__/__init__.cpython-311.pyc": "bytecode"})
	os.Chtimes(filepath.Join(site, "syncpkg", "__pycache__"), later, later)
	if !verdict() {
		t.Error("writing bytecode into __pycache__ made the package be scanned again")
	}
}
