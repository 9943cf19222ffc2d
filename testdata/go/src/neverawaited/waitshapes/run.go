package waitshapes

import (
	"errors"
	"time"
)

// RunLeaks drives each stuck wait; every goroutine that blocks holds
// the only references to what it waits on.
func RunLeaks() {
	go processAll([]int{1, -1})
	go collect(2)
	go fetchAll([]string{"a", "bb"})
	newPool(2, true)
	tr := &tracker{}
	go tr.Run(1)
	go dispatch([]int{1, 2, 3})
	l := newLatch()
	l.Open()
	go l.Await()
	j := newJobs()
	go j.Pop()
	time.Sleep(5 * delay)
	j.Push(1)
	go deliverTo(nil)
	events := make(chan int)
	close(events)
	go pollEvents(events, make(chan struct{}), func() {})
	time.Sleep(20 * delay)
}

// RunClean drives the fixed twins down the same paths.
func RunClean() {
	startTogether(3, func(i int) error {
		if i == 1 {
			return errors.New("no")
		}
		return nil
	})
	processAllFixed([]int{1, -1})
	collectFixed(2)
	fetchAllBuffered([]string{"a", "bb"})
	p := newSignallingPool(2, true)
	p.Close()
	tr := &unlockedTracker{}
	tr.Run(1)
	dispatchClosed([]int{1, 2, 3})
	ll := newLoopLatch()
	ll.Open()
	ll.Await()
	cl := newCheckedLatch()
	cl.Open()
	cl.Await()
	waiting := newCheckedLatch()
	awaited := make(chan bool)
	go func() { awaited <- waiting.Await() }()
	time.Sleep(5 * delay)
	waiting.Open()
	<-awaited
	j := newSignalledJobs()
	done := make(chan int)
	go func() { done <- j.Pop() }()
	time.Sleep(5 * delay)
	j.Push(1)
	<-done
	squares(4)
	deliverTo(&sink{})
	stop := make(chan struct{})
	close(stop)
	pollTicking(stop, func() {})
}
