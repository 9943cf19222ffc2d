package kernels

import (
	"errors"
	"time"
)

// A remoting client whose message loop forwards error responses on an
// error channel with one buffer slot; a second error while nobody reads
// blocks the loop, and Close, which waits for the loop to exit, hangs
// (modelled on cashapp/pranadb#245).
type remoteMsg struct{ err error }

type remoteClient struct {
	in       chan remoteMsg
	errCh    chan error
	stop     chan struct{}
	loopDone chan struct{}
}

func newRemoteClient() *remoteClient {
	c := &remoteClient{in: make(chan remoteMsg), errCh: make(chan error, 1),
		stop: make(chan struct{}), loopDone: make(chan struct{})}
	go c.msgLoop()
	return c
}

func (c *remoteClient) msgLoop() {
	defer close(c.loopDone)
	for {
		select {
		case m := <-c.in:
			if m.err != nil {
				c.errCh <- m.err
			}
		case <-c.stop:
			return
		}
	}
}

func (c *remoteClient) Close() {
	close(c.stop)
	<-c.loopDone
}

// Fixed: the loop gives up an error delivery when the client stops.
type remoteClientFixed struct {
	in       chan remoteMsg
	errCh    chan error
	stop     chan struct{}
	loopDone chan struct{}
}

func newRemoteClientFixed() *remoteClientFixed {
	c := &remoteClientFixed{in: make(chan remoteMsg), errCh: make(chan error, 1),
		stop: make(chan struct{}), loopDone: make(chan struct{})}
	go c.msgLoop()
	return c
}

func (c *remoteClientFixed) msgLoop() {
	defer close(c.loopDone)
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
	<-c.loopDone
}

var errRemote = errors.New("remote failure")

// RunErrResp delivers two error responses nobody reads, then closes.
func RunErrResp() {
	c := newRemoteClient()
	c.in <- remoteMsg{err: errRemote}
	c.in <- remoteMsg{err: errRemote}
	go c.Close()
	time.Sleep(10 * time.Millisecond)
}

// RunErrRespFixed does the same with the fixed twin.
func RunErrRespFixed() {
	c := newRemoteClientFixed()
	c.in <- remoteMsg{err: errRemote}
	c.in <- remoteMsg{err: errRemote}
	go c.Close()
	time.Sleep(10 * time.Millisecond)
}
