package waitshapes

import "time"

// RunLeaks drives each stuck wait; every goroutine that blocks holds
// the only references to what it waits on.
func RunLeaks() {
	go processAll([]int{1, -1})
	go collect(2)
	go fetchAll([]string{"a", "bb"})
	newPool(2, true)
	tr := &tracker{}
	go tr.Run(1)
	j := newJobs()
	go j.Pop()
	time.Sleep(5 * delay)
	j.Push(1)
	time.Sleep(20 * delay)
}

// RunClean drives the fixed twins down the same paths.
func RunClean() {
	processAllFixed([]int{1, -1})
	collectFixed(2)
	fetchAllBuffered([]string{"a", "bb"})
	p := newSignallingPool(2, true)
	p.Close()
	tr := &unlockedTracker{}
	tr.Run(1)
	j := newSignalledJobs()
	done := make(chan int)
	go func() { done <- j.Pop() }()
	time.Sleep(5 * delay)
	j.Push(1)
	<-done
}
