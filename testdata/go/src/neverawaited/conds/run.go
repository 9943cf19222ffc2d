package conds

import "time"

// RunLeaks starts each waiter on a condition nobody signals; the waiter
// then holds the only reference to it.
func RunLeaks() {
	q := newQueue()
	go q.pop()
	time.Sleep(10 * time.Millisecond)
	q.push(1) // pop is waiting by now: without a signal it never wakes
	go waitReady(10 * time.Millisecond)
}

// RunClean runs the fixed twins to completion.
func RunClean() {
	q := newSignalingQueue()
	done := make(chan int)
	go func() { done <- q.pop() }()
	time.Sleep(10 * time.Millisecond)
	q.push(1)
	<-done
	waitReadyFixed(10 * time.Millisecond)
}
