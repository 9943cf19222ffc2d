// Package conds holds AL157 cases: condition variables nothing signals,
// each with its fixed twin.
package conds

import (
	"sync"
	"time"
)

// A queue whose push forgets to signal: pop waits forever.
type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) push(x int) {
	q.mu.Lock()
	q.items = append(q.items, x)
	q.mu.Unlock()
}

func (q *queue) pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `.queue.cond..Wait blocks forever: nothing in the package calls Signal or Broadcast on it \(AL157\)`
	}
	x := q.items[0]
	q.items = q.items[1:]
	return x
}

// Fixed: push signals after every change pop waits for.
type signalingQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newSignalingQueue() *signalingQueue {
	q := &signalingQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *signalingQueue) push(x int) {
	q.mu.Lock()
	q.items = append(q.items, x)
	q.mu.Unlock()
	wake(q.cond)
}

// wake signals through a helper: still a signal.
func wake(c *sync.Cond) { c.Signal() }

func (q *signalingQueue) pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	x := q.items[0]
	q.items = q.items[1:]
	return x
}

// A local condition variable the setter never broadcasts on.
func waitReady(setup time.Duration) {
	var mu sync.Mutex
	ready := false
	c := sync.NewCond(&mu)
	go func() {
		time.Sleep(setup)
		mu.Lock()
		ready = true
		mu.Unlock()
	}()
	mu.Lock()
	for !ready {
		c.Wait() // want `.c..Wait blocks forever: nothing in the package calls Signal or Broadcast on it \(AL157\)`
	}
	mu.Unlock()
}

// Fixed: the setter broadcasts.
func waitReadyFixed(setup time.Duration) {
	var mu sync.Mutex
	ready := false
	c := sync.NewCond(&mu)
	go func() {
		time.Sleep(setup)
		mu.Lock()
		ready = true
		mu.Unlock()
		c.Broadcast()
	}()
	mu.Lock()
	for !ready {
		c.Wait()
	}
	mu.Unlock()
}

// Exported: another package may signal it; not judged.
type Gate struct {
	Cond *sync.Cond
	open bool
}

func (g *Gate) Wait() {
	g.Cond.L.Lock()
	for !g.open {
		g.Cond.Wait()
	}
	g.Cond.L.Unlock()
}
