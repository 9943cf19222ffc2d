// Package future defines functions returning result channels.
package future

// static-only: AL153 the leaked goroutine's frames are the callee's (its
// go statement in FetchAsync), not the discarded call AL153 reports.

func compute(id int) int { return id * 2 }

// FetchAsync returns a channel a goroutine blocks to send on.
func FetchAsync(id int) <-chan int {
	ch := make(chan int)
	go func() { ch <- compute(id) }()
	return ch
}

// FetchBuffered returns a channel its goroutine can always send on.
func FetchBuffered(id int) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- compute(id) }()
	return ch
}

func local() {
	FetchAsync(1) // want `result channel of .FetchAsync. is discarded: the goroutine that sends on it blocks forever`
	FetchBuffered(2)
	<-FetchAsync(3)
	_ = FetchAsync(4) // want `result channel of .FetchAsync. is discarded`
}
