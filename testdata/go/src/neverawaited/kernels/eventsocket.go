package kernels

import (
	"context"
	"errors"
	"time"
)

// An event socket whose read loop hands events to a handler and reports
// a read error on an unbuffered err field; a caller that stopped waiting
// (its context ended) no longer reads it, and the read loop blocks
// forever on the send (modelled on fiorix/go-eventsocket#8).
type eventConn struct {
	handle func(string)
	err    chan error
}

func dialEvents(read func() (string, error), handle func(string)) *eventConn {
	c := &eventConn{handle: handle, err: make(chan error)}
	go c.readLoop(read)
	return c
}

func (c *eventConn) readLoop(read func() (string, error)) {
	for {
		ev, err := read()
		if err != nil {
			c.err <- err // want `goroutine .eventConn.readLoop. can block forever sending on .eventConn.err.: its receivers select on other cases and can stop receiving \(AL151\)`
			return
		}
		c.handle(ev)
	}
}

// Wait waits for the connection to fail or the caller to give up.
func (c *eventConn) Wait(ctx context.Context) error {
	select {
	case err := <-c.err:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Fixed: the error channel holds the read loop's one error.
type eventConnFixed struct {
	handle func(string)
	err    chan error
}

func dialEventsFixed(read func() (string, error), handle func(string)) *eventConnFixed {
	c := &eventConnFixed{handle: handle, err: make(chan error, 1)}
	go c.readLoop(read)
	return c
}

func (c *eventConnFixed) readLoop(read func() (string, error)) {
	for {
		ev, err := read()
		if err != nil {
			c.err <- err
			return
		}
		c.handle(ev)
	}
}

// Wait waits for the connection to fail or the caller to give up.
func (c *eventConnFixed) Wait(ctx context.Context) error {
	select {
	case err := <-c.err:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

var errConnReset = errors.New("connection reset")

func failingRead() (string, error) {
	time.Sleep(20 * time.Millisecond)
	return "", errConnReset
}

// RunEventSocket dials and gives up waiting at once.
func RunEventSocket() {
	c := dialEvents(failingRead, func(string) {})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = c.Wait(ctx)
	time.Sleep(50 * time.Millisecond)
}

// RunEventSocketFixed does the same with the fixed twin.
func RunEventSocketFixed() {
	c := dialEventsFixed(failingRead, func(string) {})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = c.Wait(ctx)
	time.Sleep(50 * time.Millisecond)
}
