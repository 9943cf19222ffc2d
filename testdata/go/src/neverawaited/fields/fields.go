// Package fields holds AL151 cases for channels held in struct fields and
// used from several methods, each with its fixed twin.
package fields

import "time"

// A node whose loop sends results without watching stop: once Close is
// called, Next returns and run's next send blocks forever.
type node struct {
	out  chan int
	stop chan struct{}
}

func newNode() *node {
	n := &node{out: make(chan int), stop: make(chan struct{})}
	go n.run()
	return n
}

func (n *node) run() {
	for i := 0; ; i++ {
		time.Sleep(time.Millisecond)
		n.out <- i // want `goroutine .node.run. can block forever sending on .node.out.: its receivers select on other cases and can stop receiving \(AL151\)`
	}
}

func (n *node) Next() (int, bool) {
	select {
	case v := <-n.out:
		return v, true
	case <-n.stop:
		return 0, false
	}
}

func (n *node) Close() { close(n.stop) }

// Fixed: the loop's send watches stop too.
type stoppableNode struct {
	out  chan int
	stop chan struct{}
}

func newStoppableNode() *stoppableNode {
	n := &stoppableNode{out: make(chan int), stop: make(chan struct{})}
	go n.run()
	return n
}

func (n *stoppableNode) run() {
	for i := 0; ; i++ {
		time.Sleep(time.Millisecond)
		select {
		case n.out <- i:
		case <-n.stop:
			return
		}
	}
}

func (n *stoppableNode) Next() (int, bool) {
	select {
	case v := <-n.out:
		return v, true
	case <-n.stop:
		return 0, false
	}
}

func (n *stoppableNode) Close() { close(n.stop) }

// Fixed: the receiver's other case is a periodic flush that goes back to
// receiving; it never stops.
type batcher struct {
	in    chan int
	flush *time.Ticker
	sum   int
}

func newBatcher() *batcher {
	b := &batcher{in: make(chan int), flush: time.NewTicker(time.Millisecond)}
	go b.loop()
	return b
}

func (b *batcher) add(x int) { b.in <- x }

func (b *batcher) loop() {
	for {
		select {
		case x := <-b.in:
			b.sum += x
		case <-b.flush.C:
			b.sum = 0
		}
	}
}

// Fixed: a one-slot buffer holds the single result the worker sends.
type job struct {
	done chan error
	quit chan struct{}
}

func startJob(work func() error) *job {
	j := &job{done: make(chan error, 1), quit: make(chan struct{})}
	go j.run(work)
	return j
}

func (j *job) run(work func() error) { j.done <- work() }

func (j *job) wait() error {
	select {
	case err := <-j.done:
		return err
	case <-j.quit:
		return nil
	}
}

// Fixed: the loop queues follow-up events for itself, in a buffer it
// drains.
type monitor struct {
	events chan int
	stop   chan struct{}
}

func newMonitor() *monitor {
	m := &monitor{events: make(chan int, 10), stop: make(chan struct{})}
	go m.loop()
	return m
}

func (m *monitor) loop() {
	for {
		select {
		case e := <-m.events:
			if e == 0 {
				m.events <- 1
			}
		case <-m.stop:
			return
		}
	}
}
