// Package hugeheap backs the Go heap with transparent huge pages where
// the kernel gives them only on request (THP in "madvise" mode, the
// default of Debian, Ubuntu and the CI machines). A check of a large
// project touches a few hundred megabytes of fresh memory; in 4 KB pages
// each first touch is a fault, and on a virtual machine every TLB miss a
// two-level page walk: with 2 MB pages the stdlib check takes about a
// fifth less CPU. The Go runtime no longer asks for huge pages itself
// (Go 1.21.1 and later), so Reserve does: it has the heap map a large
// region at once, marks it MADV_HUGEPAGE and frees it again, and the
// heap then grows into that region.
package hugeheap

import (
	"os"
	"sync"
)

var once sync.Once

// Reserve asks, once per process, that the next size bytes the heap
// grows into be backed by huge pages. ASYNCLINT_HUGEPAGES=off turns it
// off (to measure what it saves).
func Reserve(size int) {
	once.Do(func() {
		if os.Getenv("ASYNCLINT_HUGEPAGES") != "off" {
			reserve(size)
		}
	})
}

// ReserveAsync is Reserve in the background; wait returns once it is
// done. Mapping the region and the collection that frees it take 5-15 ms
// of wall time: a run starts its slow work (the interpreter query, the
// walk of its paths) meanwhile, and waits before it allocates in bulk.
func ReserveAsync(size int) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		Reserve(size)
	}()
	return func() { <-done }
}
