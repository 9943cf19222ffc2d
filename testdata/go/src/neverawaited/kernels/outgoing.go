package kernels

import (
	"sync"
	"time"
)

// A protocol client connection whose Close sets its outgoing channel to
// nil instead of closing it; the outgoing loop reads the field again and
// receives from a nil channel forever (modelled on
// datastax/go-cassandra-native-protocol#55).
type cqlConn struct {
	mu       sync.Mutex
	outgoing chan string
	sent     int
}

func newCqlConn() *cqlConn {
	c := &cqlConn{outgoing: make(chan string)}
	go c.outgoingLoop()
	return c
}

func (c *cqlConn) out() chan string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.outgoing
}

func (c *cqlConn) outgoingLoop() {
	for {
		if _, ok := <-c.out(); !ok { // want `goroutine .cqlConn.outgoingLoop. receives from .cqlConn.outgoing. until it is closed, which never happens: .cqlConn.Close. sets the field to nil instead of closing it, so the goroutine blocks forever \(AL152\)`
			return
		}
		c.sent++
	}
}

func (c *cqlConn) Send(frame string) { c.out() <- frame }

func (c *cqlConn) Close() {
	c.mu.Lock()
	c.outgoing = nil
	c.mu.Unlock()
}

// Fixed: Close closes the channel the loop reads.
type cqlConnFixed struct {
	mu       sync.Mutex
	outgoing chan string
	sent     int
}

func newCqlConnFixed() *cqlConnFixed {
	c := &cqlConnFixed{outgoing: make(chan string)}
	go c.outgoingLoop()
	return c
}

func (c *cqlConnFixed) out() chan string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.outgoing
}

func (c *cqlConnFixed) outgoingLoop() {
	for {
		if _, ok := <-c.out(); !ok {
			return
		}
		c.sent++
	}
}

func (c *cqlConnFixed) Send(frame string) { c.out() <- frame }

func (c *cqlConnFixed) Close() {
	c.mu.Lock()
	close(c.outgoing)
	c.mu.Unlock()
}

// RunOutgoing sends a frame and closes the connection.
func RunOutgoing() {
	c := newCqlConn()
	c.Send("STARTUP")
	time.Sleep(time.Millisecond)
	c.Close()
	time.Sleep(5 * time.Millisecond)
}

// RunOutgoingFixed does the same with the fixed twin.
func RunOutgoingFixed() {
	c := newCqlConnFixed()
	c.Send("STARTUP")
	time.Sleep(time.Millisecond)
	c.Close()
	time.Sleep(5 * time.Millisecond)
}
