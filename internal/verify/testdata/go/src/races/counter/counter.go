// Package counter: a WaitGroup-counted increment without a lock (AL154's
// race-detector evidence).
package counter

import "sync"

func RunCount() int {
	var wg sync.WaitGroup
	n := 0
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++ // want "AL154"
		}()
	}
	wg.Wait()
	return n
}
