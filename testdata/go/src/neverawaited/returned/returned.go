// Package returned holds AL151 cases where the channel comes back from a
// function whose goroutine feeds it: a generator, and a future.
package returned

import (
	"context"
	"time"
)

// gen sends n values, then closes.
func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			out <- i // want `the goroutine .gen. starts can block forever sending on the channel it returns: .firstAbove. can return before receiving every value \(AL151\)`
		}
		close(out)
	}()
	return out
}

// The consumer stops at the first big value: gen's goroutine blocks on
// its next send.
func firstAbove(limit, n int) int {
	for v := range gen(n) {
		if v > limit {
			return v
		}
	}
	return -1
}

// Fixed: the consumer drains the stream.
func sumAll(n int) int {
	total := 0
	for v := range gen(n) {
		total += v
	}
	return total
}

// genCtx stops sending when ctx is done.
func genCtx(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Fixed: the stream watches a context the consumer cancels.
func firstAboveCtx(limit, n int) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for v := range genCtx(ctx, n) {
		if v > limit {
			return v
		}
	}
	return -1
}

var delay = time.Millisecond

// fetchAsync is a future: one value, unbuffered.
func fetchAsync() <-chan string {
	ch := make(chan string)
	go func() {
		time.Sleep(delay)
		ch <- "x" // want `the goroutine .fetchAsync. starts can block forever sending on the channel it returns: .fetchWithTimeout. can return before receiving every value \(AL151\)`
	}()
	return ch
}

// The caller gives up on a timeout: the future's goroutine blocks.
func fetchWithTimeout(d time.Duration) string {
	res := fetchAsync()
	select {
	case v := <-res:
		return v
	case <-time.After(d):
		return ""
	}
}

// Fixed: the caller always waits.
func fetchWait() string { return <-fetchAsync() }
