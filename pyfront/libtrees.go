package pyfront

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"unsafe"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// The library's syntax trees on disk. Parsing is most of what reading a
// library costs, and a library does not change between runs: the tree of
// each skeleton and chunk parsed (libsplit.go) is kept in the cache
// directory, found by a hash of the text it was parsed from, so a warm run
// parses no library text at all. A tree is stored as its nodes' memory;
// the key includes the running executable's identity (path, size,
// modification time), so a rebuilt asynclint — whose node layout or kinds
// may differ — never reads another build's trees.

// libTrees reads and writes trees in dir.
type libTrees struct {
	dir   string
	stamp string
	// chunks holds the chunks of definitions with their trees
	// (libchunks.go).
	chunks string
	// wrote says whether a tree was stored (the cache may need pruning).
	wrote atomic.Bool
}

// newLibTrees returns the tree cache under cacheDir, or nil when there is
// none or the executable cannot be identified.
func newLibTrees(cacheDir string) *libTrees {
	if cacheDir == "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	info, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	stamp := fmt.Sprintf("%s\x00%d\x00%d\x00%d\x00%s", exe, info.Size(), info.ModTime().UnixNano(), unsafe.Sizeof(node{}), libCacheVersion)
	return &libTrees{dir: filepath.Join(cacheDir, "trees"), chunks: filepath.Join(cacheDir, "chunks"), stamp: stamp}
}

func (c *libTrees) path(src []byte) string {
	h := sha256.New()
	h.Write([]byte(c.stamp))
	h.Write(src)
	return filepath.Join(c.dir, hex.EncodeToString(h.Sum(nil)[:16]))
}

// load returns the tree stored for src, or nil.
func (c *libTrees) load(src []byte) *tree {
	if c == nil {
		return nil
	}
	b, err := readLibCache(c.path(src))
	if err != nil {
		return nil
	}
	return c.treeOf(b, src)
}

// treeOf reads b, an array of nodes aligned as a node is, as the tree of
// src, or returns nil.
func (c *libTrees) treeOf(b, src []byte) *tree {
	size := int(unsafe.Sizeof(node{}))
	if len(b) == 0 || len(b)%size != 0 {
		return nil
	}
	nodes := unsafe.Slice((*node)(unsafe.Pointer(&b[0])), len(b)/size)
	n := int32(len(nodes))
	for i := range nodes {
		nd := &nodes[i]
		if nd.first < -1 || nd.first >= n || nd.next < -1 || nd.next >= n || nd.parent < -1 || nd.parent >= n ||
			nd.start > nd.end || int(nd.end) > len(src) {
			return nil // not a tree of this text
		}
	}
	return &tree{nodes: nodes, src: src}
}

// store keeps t for the next run.
func (c *libTrees) store(t *tree) {
	if c == nil || t == nil || len(t.nodes) == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&t.nodes[0])), len(t.nodes)*int(unsafe.Sizeof(node{})))
	if atomicfile.Write(c.path(t.src), b) == nil {
		c.wrote.Store(true)
	}
}
