// Package more: AL152 (a range over a channel never closed), AL153 (a
// future's channel discarded) and AL352 (a goroutine that cannot observe
// the context of the function that started it), each shown by the
// goroutine leak profile.
package more

import "context"

// AL152: the producer returns without close(ch); the worker never ends.
func produce(items []int) {
	ch := make(chan int)
	go func() {
		for range ch { // want "AL152"
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

// fetchAsync returns a result channel; its goroutine delivers once.
func fetchAsync(id int) <-chan int {
	ch := make(chan int)
	go func() {
		ch <- id * 2 // want "AL153"
	}()
	return ch
}

// poll blocks forever on a channel no one sends on: it cannot see ctx.
func poll(tick chan struct{}) {
	<-tick // want "AL352"
}

// Serve starts poll without passing ctx.
func Serve(ctx context.Context) error {
	tick := make(chan struct{})
	go poll(tick)
	<-ctx.Done()
	return ctx.Err()
}

func RunProduce() { produce([]int{1, 2}) }

func RunDiscardFuture() { fetchAsync(1) }

func RunUseFuture() int { return <-fetchAsync(2) }

func RunServe(ctx context.Context) error { return Serve(ctx) }
