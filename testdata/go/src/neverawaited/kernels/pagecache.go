package kernels

import "sync"

// A page cache whose get evicts through a helper that asks for the
// cache's size, and size locks the mutex get holds: a double lock two
// calls down (modelled on afex/hystrix-go#35 and statsig-io/go-sdk#10,
// methods that lock again through their helpers).
type pageCache struct {
	mu    sync.Mutex
	pages map[string]string
	max   int
}

func (c *pageCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pages)
}

func (c *pageCache) evict() {
	for k := range c.pages {
		if c.size() <= c.max {
			return
		}
		delete(c.pages, k)
	}
}

func (c *pageCache) get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evict() // want `.pageCache.evict. locks mutex .pageCache.mu., which .pageCache.get. already holds: the goroutine blocks forever \(AL155\)`
	return c.pages[k]
}

// Fixed: the helper reads the map the caller has locked.
type pageCacheFixed struct {
	mu    sync.Mutex
	pages map[string]string
	max   int
}

func (c *pageCacheFixed) evictLocked() {
	for k := range c.pages {
		if len(c.pages) <= c.max {
			return
		}
		delete(c.pages, k)
	}
}

func (c *pageCacheFixed) get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evictLocked()
	return c.pages[k]
}

// RunPageCache drives the bug and drops every reference to it.
func RunPageCache() {
	go (&pageCache{pages: map[string]string{"a": "1", "b": "2"}, max: 1}).get("a")
}

// RunPageCacheFixed drives the fixed twin down the same path.
func RunPageCacheFixed() {
	(&pageCacheFixed{pages: map[string]string{"a": "1", "b": "2"}, max: 1}).get("a")
}
