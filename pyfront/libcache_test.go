package pyfront

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// The library cache follows the installed files: a warm run takes every
// split and tree from it (and writes nothing), and a function edited to
// become a coroutine function is one on the next run, whether the edit
// changed the file's size or, at the same size, its modification time.
func TestLibraryCacheFollowsEdits(t *testing.T) {
	// With another module async, the package is read and fetch's module
	// comes from its split; without, v0 leaves the whole package
	// synchronous, which is not read at all (libsync.go).
	t.Run("split", func(t *testing.T) { libraryCacheFollowsEdits(t, "async def ping(): ...\n", 2) })
	t.Run("synchronous package", func(t *testing.T) { libraryCacheFollowsEdits(t, "def ping(): ...\n", 0) })
}

func libraryCacheFollowsEdits(t *testing.T, other string, readAtFirst int) {
	cache, root := t.TempDir(), t.TempDir()
	site := filepath.Join(root, "site")
	lib := filepath.Join(site, "dblib", "client.py")
	// The versions of the installed module: v1 is another size, v2 the
	// same size as v0; both move fetch's definition, which a stale split
	// would look for where v0 has it.
	v0 := "import asyncio\n\n\ndef fetch():\n    return 11111111111111111\n"
	v1 := "import asyncio\n\n\nasync def fetch():\n    return 1\n"
	v2 := "import asyncio\nTIMEOUT = 1\nasync def fetch():\n    return 1\n"
	if len(v2) != len(v0) || len(v1) == len(v0) {
		t.Fatalf("fixture: sizes %d, %d, %d", len(v0), len(v1), len(v2))
	}
	writeTree(t, site, map[string]string{"dblib/__init__.py": "from .client import fetch\n", "dblib/client.py": v0, "dblib/other.py": other})
	writeTree(t, filepath.Join(root, "proj"), map[string]string{
		"app.py": "import dblib\n\n\nasync def main():\n    dblib.fetch()\n",
	})
	fetchIsCoroutine := func() (bool, *Library) {
		t.Helper()
		l := NewLibrary(&Environment{Sites: []string{site}}, cache)
		r := Load([]File{{Path: filepath.Join(root, "proj", "app.py")}}, asyncir.PythonModels(), Options{Library: l})
		if co := callAt(t, r.Program, "app", 5).Result.Type().Await == asyncir.Coroutine; !co && r.LibraryFiles != readAtFirst {
			t.Fatalf("%d installed files read, want %d", r.LibraryFiles, readAtFirst)
		}
		return callAt(t, r.Program, "app", 5).Result.Type().Await == asyncir.Coroutine, l
	}
	// What the cache holds: each file and when it was written.
	held := func() map[string]time.Time {
		out := map[string]time.Time{}
		filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				info, _ := d.Info()
				out[p] = info.ModTime()
			}
			return nil
		})
		return out
	}

	if co, _ := fetchIsCoroutine(); co {
		t.Fatal("cold run: fetch read as a coroutine function")
	}
	cold := held()
	if len(cold) < 1+readAtFirst { // a package verdict, a split and trees of each module read
		t.Fatalf("cold run cached %d files", len(cold))
	}
	if co, _ := fetchIsCoroutine(); co {
		t.Fatal("warm run: fetch read as a coroutine function")
	}
	if warm := held(); !maps.Equal(warm, cold) {
		t.Fatalf("the warm run wrote to the cache (not everything came from it):\n%v\nwas\n%v", warm, cold)
	}
	info, _ := os.Stat(lib)
	put := func(src string, at time.Time) {
		writeTree(t, site, map[string]string{"dblib/client.py": src})
		os.Chtimes(lib, at, at)
	}

	put(v1, info.ModTime())
	if co, _ := fetchIsCoroutine(); !co {
		t.Error("the file changed size: fetch is still read as synchronous")
	}
	put(v0, info.ModTime())
	if co, _ := fetchIsCoroutine(); co {
		t.Fatal("v0 at its own time again: fetch read as a coroutine function")
	}
	put(v2, info.ModTime().Add(time.Minute))
	if co, _ := fetchIsCoroutine(); !co {
		t.Error("the file changed at the same size, later: fetch is still read as synchronous")
	}
}
