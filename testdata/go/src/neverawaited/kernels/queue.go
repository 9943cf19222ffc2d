package kernels

import (
	"sync"
	"time"
)

// A work queue whose Run waits on a condition variable until an item
// arrives or the queue is closed; Push signals, but Close only sets the
// flag, so a Run waiting on an empty queue never wakes (modelled on
// istio/istio#23285).
type workQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func newWorkQueue() *workQueue {
	q := &workQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *workQueue) Push(x int) {
	q.mu.Lock()
	q.items = append(q.items, x)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *workQueue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
}

func (q *workQueue) Run(handle func(int)) {
	for {
		q.mu.Lock()
		for len(q.items) == 0 && !q.closed {
			q.cond.Wait() // want `.workQueue.cond..Wait can block forever: .workQueue.Close. sets .workQueue.closed., which this loop waits to see, without Signal or Broadcast \(AL157\)`
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		x := q.items[0]
		q.items = q.items[1:]
		q.mu.Unlock()
		handle(x)
	}
}

// Fixed: Close wakes every waiter.
type workQueueFixed struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func newWorkQueueFixed() *workQueueFixed {
	q := &workQueueFixed{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *workQueueFixed) Push(x int) {
	q.mu.Lock()
	q.items = append(q.items, x)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *workQueueFixed) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

func (q *workQueueFixed) Run(handle func(int)) {
	for {
		q.mu.Lock()
		for len(q.items) == 0 && !q.closed {
			q.cond.Wait()
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		x := q.items[0]
		q.items = q.items[1:]
		q.mu.Unlock()
		handle(x)
	}
}

// RunQueue drives the bug and drops every reference to it.
func RunQueue() {
	q := newWorkQueue()
	go q.Run(func(int) {})
	time.Sleep(50 * time.Millisecond)
	q.Close()
}

// RunQueueFixed drives the fixed twin down the same path.
func RunQueueFixed() {
	q := newWorkQueueFixed()
	done := make(chan struct{})
	go func() { q.Run(func(int) {}); close(done) }()
	time.Sleep(50 * time.Millisecond)
	q.Close()
	<-done
}
