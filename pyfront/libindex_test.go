package pyfront

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLibIndexChunks checks that a split read back from the cache gives
// every definition the text the whole file's split gives, with the
// methods kept or reduced alike.
func TestLibIndexChunks(t *testing.T) {
	wanted := func(name string) bool { return name == "request" || isDunder(name) }
	for name, src := range map[string]string{
		"plain":        splitSrc,
		"no final eol": strings.TrimSuffix(splitSrc, "\n"),
		"crlf":         strings.ReplaceAll(splitSrc, "\n", "\r\n"),
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, "mod.py")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		lib := NewLibrary(&Environment{}, t.TempDir())
		full := splitLibrary([]byte(src), nil)
		lib.storeIndex(lib.indexPath(path), full)
		cached := lib.loadIndex(path)
		if cached == nil {
			t.Fatalf("%s: no index read back", name)
		}
		if !bytes.Equal(cached.skeleton, full.skeleton) {
			t.Errorf("%s: skeleton differs", name)
		}
		if len(cached.defs) != len(full.defs) {
			t.Errorf("%s: %d definitions, want %d", name, len(cached.defs), len(full.defs))
		}
		for def, cs := range full.defs {
			for i, c := range cs {
				want, wantDropped := full.chunk(c, wanted)
				got, gotDropped := cached.chunk(cached.defs[def][i], wanted)
				if !bytes.Equal(got, want) {
					t.Errorf("%s: %s: chunk\n%q\nwant\n%q", name, def, got, want)
				}
				if !slices.Equal(gotDropped, wantDropped) {
					t.Errorf("%s: %s: dropped %q, want %q", name, def, gotDropped, wantDropped)
				}
				if cached.defs[def][i].kw != c.kw {
					t.Errorf("%s: %s: keyword %q, want %q", name, def, cached.defs[def][i].kw, c.kw)
				}
			}
		}
	}
}

// TestLibIndexInvalidated checks that an installed file changed since its
// split was kept is read and split again.
func TestLibIndexInvalidated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mod.py")
	write := func(src string, at time.Time) {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	write("def old(): ...\n", now)
	lib := NewLibrary(&Environment{}, t.TempDir())
	lib.storeIndex(lib.indexPath(path), splitLibrary([]byte("def old(): ...\n"), nil))
	if sp := lib.loadIndex(path); sp == nil || sp.defs["old"] == nil {
		t.Fatal("the index of the unchanged file was not read back")
	}
	write("async def renamed(): ...\n", now) // another size
	if sp := lib.loadIndex(path); sp != nil {
		t.Errorf("a file of another size read the old index: %v", sp.defs)
	}
	write("def fun(): ...\n", now.Add(time.Minute)) // the same size, later
	if sp := lib.loadIndex(path); sp != nil {
		t.Errorf("a file modified later read the old index: %v", sp.defs)
	}
}

// TestLibIndexEncoding checks that an index reads back as written, and
// that a cut or lengthened one does not read at all.
func TestLibIndexEncoding(t *testing.T) {
	ix := splitLibrary([]byte(splitSrc), nil).index()
	b := ix.encode()
	got, ok := decodeLibIndex(b)
	if !ok {
		t.Fatal("the index does not read back")
	}
	if !bytes.Equal(got.Skeleton, ix.Skeleton) || len(got.Defs) != len(ix.Defs) {
		t.Fatalf("read back %d definitions, want %d", len(got.Defs), len(ix.Defs))
	}
	for name, ds := range ix.Defs {
		if !slices.EqualFunc(got.Defs[name], ds, func(a, b libDef) bool {
			return a.Start == b.Start && a.End == b.End && a.Row == b.Row && a.Kw == b.Kw && slices.Equal(a.Methods, b.Methods)
		}) {
			t.Errorf("%s: read back %+v, want %+v", name, got.Defs[name], ds)
		}
	}
	if len(ix.Defs["Session"]) == 0 || len(ix.Defs["Session"][0].Methods) == 0 {
		t.Fatal("the case has no class with methods")
	}
	for n := range b {
		if _, ok := decodeLibIndex(b[:n]); ok {
			t.Errorf("the index cut to %d of %d bytes reads", n, len(b))
		}
	}
	if _, ok := decodeLibIndex(append(slices.Clip(b), 0)); ok {
		t.Error("the index with a byte more reads")
	}
}
