package pyfront

import (
	"bytes"
	"sync"
	"unsafe"
)

// TreeCache keeps the Go-side syntax trees of files between Loads, keyed
// by path and checked against the content, so that a language server
// re-parses only the files that changed since its last run (the modules
// an edited file imports are parsed once, not on every keystroke). The
// trees are immutable once flattened, so a cached one is shared safely.
// The cache holds at most maxBytes of trees, evicting the least recently
// used; a tree costs about ten times its source.
type TreeCache struct {
	mu       sync.Mutex
	maxBytes int64
	size     int64
	tick     uint64
	entries  map[string]*cachedTree
}

type cachedTree struct {
	t    *tree
	used uint64
	cost int64
}

// NewTreeCache returns a cache bounded to maxBytes of trees.
func NewTreeCache(maxBytes int64) *TreeCache {
	return &TreeCache{maxBytes: maxBytes, entries: map[string]*cachedTree{}}
}

// get returns path's tree when it was built from exactly src.
func (c *TreeCache) get(path string, src []byte) *tree {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[path]
	if e == nil || !bytes.Equal(e.t.src, src) {
		return nil
	}
	c.tick++
	e.used = c.tick
	return e.t
}

// put records path's tree, evicting the least recently used trees while
// the cache is over its bound.
func (c *TreeCache) put(path string, t *tree) {
	cost := int64(len(t.nodes))*int64(unsafe.Sizeof(node{})) + int64(len(t.src))
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.entries[path]; old != nil {
		c.size -= old.cost
	}
	c.tick++
	c.entries[path] = &cachedTree{t: t, used: c.tick, cost: cost}
	c.size += cost
	for c.size > c.maxBytes && len(c.entries) > 1 {
		var oldest string
		for p, e := range c.entries {
			if oldest == "" || e.used < c.entries[oldest].used {
				oldest = p
			}
		}
		c.size -= c.entries[oldest].cost
		delete(c.entries, oldest)
	}
}
