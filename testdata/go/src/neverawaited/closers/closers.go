// Package closers holds the shapes of a close that its only closer can
// skip, and the guards that say the close already happened.
package closers

import (
	"errors"
	"sync"
	"sync/atomic"
)

var errFlush = errors.New("flush failed")

// Leak: Close returns on a flush error before it closes done, and
// nothing else closes it; the watcher waits forever.
type flusher struct {
	done  chan struct{}
	flush func() error
}

func newFlusher(flush func() error) *flusher {
	f := &flusher{done: make(chan struct{}), flush: flush}
	go f.watch()
	return f
}

func (f *flusher) watch() {
	<-f.done // want `goroutine .flusher.watch. can block forever receiving from .flusher.done.: only .flusher.Close. closes it, and it can return without closing it \(AL152\)`
}

func (f *flusher) Close() error {
	if err := f.flush(); err != nil {
		return err
	}
	close(f.done)
	return nil
}

// Clean: a compare-and-swap on a field the closer owns; the path that
// skips the close is the one where it already ran.
type casCloser struct {
	closed atomic.Bool
	done   chan struct{}
}

func newCASCloser() *casCloser {
	c := &casCloser{done: make(chan struct{})}
	go c.watch()
	return c
}

func (c *casCloser) watch() { <-c.done }

func (c *casCloser) Close() {
	if !c.closed.CompareAndSwap(false, true) {
		return
	}
	close(c.done)
}

// Clean: the closer looks at the channel itself; the case that fires
// says it is closed already.
type selectCloser struct {
	mu   sync.Mutex
	done chan struct{}
}

func newSelectCloser() *selectCloser {
	c := &selectCloser{done: make(chan struct{})}
	go c.watch()
	return c
}

func (c *selectCloser) watch() { <-c.done }

func (c *selectCloser) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-c.done:
		return
	default:
	}
	close(c.done)
}

// Clean: a nil receiver has no goroutine to tell.
type nilSafeCloser struct {
	done chan struct{}
}

func newNilSafeCloser() *nilSafeCloser {
	c := &nilSafeCloser{done: make(chan struct{})}
	go c.watch()
	return c
}

func (c *nilSafeCloser) watch() { <-c.done }

func (c *nilSafeCloser) Close() {
	if c == nil {
		return
	}
	close(c.done)
}

// Clean: a state compared and then changed by the closer itself.
type stateCloser struct {
	mu    sync.Mutex
	state int
	done  chan struct{}
}

func newStateCloser() *stateCloser {
	c := &stateCloser{done: make(chan struct{})}
	go c.watch()
	return c
}

func (c *stateCloser) watch() { <-c.done }

func (c *stateCloser) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == 2 {
		return
	}
	c.state = 2
	close(c.done)
}
