package pyfront

import (
	"bytes"
	"slices"
	"testing"
	"unsafe"
)

// A chunk kept on disk reads back as written: its text, the methods it
// left out and its tree; its key changes with the class's methods the
// project names, and only with those.
func TestLibChunkKept(t *testing.T) {
	trees := newLibTrees(t.TempDir())
	if trees == nil {
		t.Skip("the executable cannot be identified")
	}
	sp := splitLibrary([]byte(splitSrc), nil)
	sp.stamp = "mod.py as stat'ed"
	c := sp.defs["Session"][0]
	wanted := func(n string) bool { return n == "request" || isDunder(n) }
	src, dropped := sp.chunk(c, wanted)
	tr := newParserPool().parseChunk(src)
	if tr == nil {
		t.Fatal("the chunk does not parse")
	}
	key := trees.chunkKey(sp, c, wanted, nil)
	trees.storeChunk(key, src, dropped, tr)
	gotSrc, gotDropped, gotTree := trees.loadChunk(key)
	if gotTree == nil {
		t.Fatal("no chunk read back")
	}
	if !bytes.Equal(gotSrc, src) || !slices.Equal(gotDropped, dropped) {
		t.Errorf("read back %q, dropped %q; want %q, dropped %q", gotSrc, gotDropped, src, dropped)
	}
	size := len(tr.nodes) * int(unsafe.Sizeof(node{}))
	if !bytes.Equal(unsafe.Slice((*byte)(unsafe.Pointer(&gotTree.nodes[0])), len(gotTree.nodes)*int(unsafe.Sizeof(node{}))),
		unsafe.Slice((*byte)(unsafe.Pointer(&tr.nodes[0])), size)) {
		t.Error("the tree read back differs")
	}
	if k := trees.chunkKey(sp, c, func(n string) bool { return wanted(n) || n == "unrelated" }, nil); k != key {
		t.Error("a name that is no method of the class changes the key")
	}
	if k := trees.chunkKey(sp, c, func(n string) bool { return wanted(n) || n == "helper" }, nil); k == key {
		t.Error("a method the project names does not change the key")
	}
	if k := trees.chunkKey(sp, c, wanted, map[string]bool{"helper": true}); k == key {
		t.Error("a graft's chunk has the class's key")
	}
	// The split an earlier run indexed gives the same key.
	full := splitLibrary([]byte(splitSrc), nil)
	ix := full.index()
	cached := &libSplit{stamp: sp.stamp, defs: map[string][]libChunk{}}
	for name, ds := range ix.Defs {
		for _, d := range ds {
			cached.defs[name] = append(cached.defs[name], libChunk{kw: d.Kw, at: d})
		}
	}
	if k := trees.chunkKey(cached, cached.defs["Session"][0], wanted, nil); k != key {
		t.Error("the indexed split's key differs")
	}
}
