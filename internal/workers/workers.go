// Package workers runs independent pieces of work on a bounded number of
// goroutines.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Run calls fn(0..n-1) on at most workers goroutines (0 means
// GOMAXPROCS), the caller's among them, and returns when every call has.
// Each goroutine takes the next index as it becomes free, in order; no
// index passes through a channel: a run calls Run many times with one or
// two pieces (the library's rounds), and handing each piece to a
// goroutine parked on a channel cost a wake-up per piece.
func Run(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > n {
		workers = n
	}
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			fn(i)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}
