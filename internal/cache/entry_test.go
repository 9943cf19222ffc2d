package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

func bigEntry(tag string) *Entry {
	e := &Entry{Python: tag}
	for i := 0; i < 2000; i++ {
		e.Files = append(e.Files, File{Stamp: Stamp{Path: fmt.Sprintf("%s/m%d.py", tag, i)}, Hash: strings.Repeat("ab", 32)})
	}
	e.Components = []Component{{Key: tag, Diagnostics: []asyncir.Diagnostic{{Code: "AL201", Message: tag}}}}
	return e
}

// A reader never sees half an entry while another process rewrites it.
func TestStoreLoadConcurrent(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), Version: "test"}
	if err := c.Store("k", bigEntry("first")); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				c.Store("k", bigEntry(fmt.Sprintf("writer%d-%d", w, i)))
			}
		}(w)
	}
	for i := 0; i < 200; i++ {
		e := c.Load("k")
		if e == nil || len(e.Files) != 2000 || e.Components[0].Key != e.Python {
			t.Fatalf("read %d: a torn or missing entry", i)
		}
	}
	close(stop)
	wg.Wait()
	if tmp, _ := filepath.Glob(filepath.Join(c.Dir, "v*", "*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left behind: %q", tmp)
	}
}

// The directory keeps at most MaxEntries entries, dropping the least
// recently used; a Load counts as a use.
func TestEvictionBound(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), Version: "test"}
	old := time.Now().Add(-time.Hour)
	for i := 0; i < MaxEntries; i++ {
		key := fmt.Sprintf("k%02d", i)
		if err := c.Store(key, bigEntry(key)); err != nil {
			t.Fatal(err)
		}
		at := old.Add(time.Duration(i) * time.Second)
		os.Chtimes(c.path(key), at, at)
	}
	if c.Load("k00") == nil { // k00 becomes the most recently used
		t.Fatal("k00 missing")
	}
	for i := MaxEntries; i < MaxEntries+5; i++ {
		key := fmt.Sprintf("k%02d", i)
		if err := c.Store(key, bigEntry(key)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(c.path("x")))
	if len(entries) != MaxEntries {
		t.Errorf("%d entries, want the bound %d", len(entries), MaxEntries)
	}
	for key, want := range map[string]bool{"k00": true, "k01": false, "k05": false, "k06": true, fmt.Sprintf("k%02d", MaxEntries+4): true} {
		if got := c.Load(key) != nil; got != want {
			t.Errorf("entry %s kept = %v, want %v", key, got, want)
		}
	}
}

func TestCorruptEntry(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), Version: "test"}
	c.Store("k", bigEntry("x"))
	b, _ := os.ReadFile(c.path("k"))
	for _, bad := range [][]byte{nil, []byte("asynclint-cache 1\n\x00\x01"), b[:len(b)-7], []byte("asynclint-cache 0\n")} {
		os.WriteFile(c.path("k"), bad, 0o644)
		if c.Load("k") != nil {
			t.Errorf("a corrupt entry (%d bytes) was loaded", len(bad))
		}
	}
}

func TestComponents(t *testing.T) {
	files := []File{
		{Stamp: Stamp{Path: "/p/app/a.py"}, Imports: []string{"b"}},
		{Stamp: Stamp{Path: "/p/app/b.py"}, Imports: []string{"lib"}},
		{Stamp: Stamp{Path: "/p/lib/__init__.py"}},
		{Stamp: Stamp{Path: "/p/lib/deep/x.py"}},                           // reachable as lib.deep.x after "import lib"
		{Stamp: Stamp{Path: "/p/tests/test_z.py"}, Imports: []string{"z"}}, // z by its namespace name
		{Stamp: Stamp{Path: "/p/src/pkg/z.py"}},
		{Stamp: Stamp{Path: "/p/alone.py"}, Imports: []string{"os", "asyncio"}},
	}
	got := fmt.Sprint(Components(files))
	if want := "[[0 1 2 3] [4 5] [6]]"; got != want {
		t.Errorf("Components = %s, want %s", got, want)
	}
}

// The test binary has a Go build ID, and Version is made from it.
func TestBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	id := buildID(exe)
	if len(id) < 20 {
		t.Fatalf("no build ID in %s: %q", exe, id)
	}
	if v := Version(); len(v) != 32 {
		t.Errorf("Version() = %q", v)
	}
}
