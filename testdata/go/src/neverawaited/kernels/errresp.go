package kernels

import (
	"errors"
	"time"
)

// A remoting client whose message loop forwards error responses on an
// error channel with one buffer slot that nothing reads; the second error
// blocks the loop for good, and Close can no longer stop it (modelled on
// cashapp/pranadb#245, where Close then hung waiting for the loop).
type remoteMsg struct{ err error }

type remoteClient struct {
	in    chan remoteMsg
	errCh chan error
	stop  chan struct{}
}

func newRemoteClient() *remoteClient {
	c := &remoteClient{in: make(chan remoteMsg), errCh: make(chan error, 1),
		stop: make(chan struct{})}
	go c.msgLoop()
	return c
}

func (c *remoteClient) msgLoop() {
	for {
		select {
		case m := <-c.in:
			if m.err != nil {
				c.errCh <- m.err // want `goroutine .remoteClient.msgLoop. can block forever sending on .remoteClient.errCh.: nothing in the package ever receives from it, and the sends repeat until its buffer is full \(AL151\)`
			}
		case <-c.stop:
			return
		}
	}
}

func (c *remoteClient) Close() {
	close(c.stop)
}

// Fixed: the loop gives up an error delivery when the client stops.
type remoteClientFixed struct {
	in    chan remoteMsg
	errCh chan error
	stop  chan struct{}
}

func newRemoteClientFixed() *remoteClientFixed {
	c := &remoteClientFixed{in: make(chan remoteMsg), errCh: make(chan error, 1),
		stop: make(chan struct{})}
	go c.msgLoop()
	return c
}

func (c *remoteClientFixed) msgLoop() {
	for {
		select {
		case m := <-c.in:
			if m.err != nil {
				select {
				case c.errCh <- m.err:
				case <-c.stop:
					return
				}
			}
		case <-c.stop:
			return
		}
	}
}

func (c *remoteClientFixed) Close() {
	close(c.stop)
}

var errRemote = errors.New("remote failure")

// RunErrResp delivers two error responses nobody reads, then closes.
func RunErrResp() {
	c := newRemoteClient()
	c.in <- remoteMsg{err: errRemote}
	c.in <- remoteMsg{err: errRemote}
	c.Close()
	time.Sleep(10 * time.Millisecond)
}

// RunErrRespFixed does the same with the fixed twin.
func RunErrRespFixed() {
	c := newRemoteClientFixed()
	c.in <- remoteMsg{err: errRemote}
	c.in <- remoteMsg{err: errRemote}
	c.Close()
	time.Sleep(10 * time.Millisecond)
}
