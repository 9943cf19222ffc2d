// Package workers runs independent pieces of work on a bounded number of
// goroutines.
package workers

import (
	"runtime"
	"sync"
)

// Run calls fn(0..n-1) on at most workers goroutines (0 means
// GOMAXPROCS) and returns when every call has.
func Run(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
