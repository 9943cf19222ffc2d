package kernels

import (
	"sync"
	"time"
)

// A transport whose error notifier closes errorChan only when streams
// are active; the reader goroutine waiting on errorChan is never told
// when the error comes with no stream open (modelled on
// grpc/grpc-go#649, "close errorChan even when there is no pending I/O").
type transport struct {
	mu        sync.Mutex
	active    int
	errorChan chan struct{}
	closed    bool
}

func newTransport() *transport {
	t := &transport{errorChan: make(chan struct{})}
	go t.reader()
	return t
}

func (t *transport) reader() {
	<-t.errorChan // want `goroutine .transport.reader. can block forever receiving from .transport.errorChan.: only .transport.notifyError. closes it, and it can return without closing it \(AL152\)`
}

func (t *transport) notifyError() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.active == 0 {
		return
	}
	if !t.closed {
		t.closed = true
		close(t.errorChan)
	}
}

// Fixed: the error is always announced.
type transportFixed struct {
	mu        sync.Mutex
	active    int
	errorChan chan struct{}
	closed    bool
}

func newTransportFixed() *transportFixed {
	t := &transportFixed{errorChan: make(chan struct{})}
	go t.reader()
	return t
}

func (t *transportFixed) reader() {
	<-t.errorChan
}

func (t *transportFixed) notifyError() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.closed {
		t.closed = true
		close(t.errorChan)
	}
}

// RunTransport drives the bug and drops every reference to it.
func RunTransport() {
	newTransport().notifyError()
}

// RunTransportFixed drives the fixed twin down the same path.
func RunTransportFixed() {
	newTransportFixed().notifyError()
	time.Sleep(5 * time.Millisecond)
}
