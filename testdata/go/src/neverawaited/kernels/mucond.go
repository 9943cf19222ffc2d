package kernels

import (
	"sync"
	"time"
)

// A connection whose Close waits on a condition variable until its
// background goroutines have all exited; the goroutines decrement the
// count under the mutex but do not Broadcast, so Close never wakes,
// though other state changes do broadcast (modelled on
// tailscale/tailscale#712, "magicsock: sync.Cond deadlock on Close").
type sockConn struct {
	mu         sync.Mutex
	muCond     *sync.Cond
	goroutines int
	closing    bool
	endpoints  []string
}

func newSockConn() *sockConn {
	c := &sockConn{}
	c.muCond = sync.NewCond(&c.mu)
	return c
}

func (c *sockConn) start(work func()) {
	c.mu.Lock()
	c.goroutines++
	c.mu.Unlock()
	go func() {
		defer c.exited()
		work()
	}()
}

func (c *sockConn) exited() {
	c.mu.Lock()
	c.goroutines--
	c.mu.Unlock()
}

func (c *sockConn) SetEndpoints(eps []string) {
	c.mu.Lock()
	c.endpoints = eps
	c.muCond.Broadcast()
	c.mu.Unlock()
}

func (c *sockConn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closing = true
	for c.goroutines > 0 {
		c.muCond.Wait() // want `.sockConn.muCond..Wait can block forever: .sockConn.exited. sets .sockConn.goroutines., which this loop waits to see, without Signal or Broadcast \(AL157\)`
	}
}

// Fixed: every exit broadcasts.
type sockConnFixed struct {
	mu         sync.Mutex
	muCond     *sync.Cond
	goroutines int
	closing    bool
	endpoints  []string
}

func newSockConnFixed() *sockConnFixed {
	c := &sockConnFixed{}
	c.muCond = sync.NewCond(&c.mu)
	return c
}

func (c *sockConnFixed) start(work func()) {
	c.mu.Lock()
	c.goroutines++
	c.mu.Unlock()
	go func() {
		defer c.exited()
		work()
	}()
}

func (c *sockConnFixed) exited() {
	c.mu.Lock()
	c.goroutines--
	c.muCond.Broadcast()
	c.mu.Unlock()
}

func (c *sockConnFixed) SetEndpoints(eps []string) {
	c.mu.Lock()
	c.endpoints = eps
	c.muCond.Broadcast()
	c.mu.Unlock()
}

func (c *sockConnFixed) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closing = true
	for c.goroutines > 0 {
		c.muCond.Wait()
	}
}

func shortWork() { time.Sleep(30 * time.Millisecond) }

// RunMuCond closes the connection while a goroutine still runs.
func RunMuCond() {
	c := newSockConn()
	c.SetEndpoints([]string{"a"})
	c.start(shortWork)
	go c.Close()
	time.Sleep(60 * time.Millisecond)
}

// RunMuCondFixed does the same with the fixed twin.
func RunMuCondFixed() {
	c := newSockConnFixed()
	c.SetEndpoints([]string{"a"})
	c.start(shortWork)
	go c.Close()
	time.Sleep(60 * time.Millisecond)
}
