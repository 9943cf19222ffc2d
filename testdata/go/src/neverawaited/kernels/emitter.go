package kernels

import (
	"sync"
	"time"
)

// A pub/sub client whose request holds the client's write lock while it
// waits for the response on a reply channel; the network goroutine that
// delivers the response must read-lock the client to find the channel,
// so neither ever proceeds (modelled on emitter-io/go#28).
type emitterClient struct {
	sync.RWMutex
	pending map[int]chan string
	wire    chan int
}

func newEmitterClient() *emitterClient {
	c := &emitterClient{pending: map[int]chan string{}, wire: make(chan int, 1)}
	go c.network()
	return c
}

func (c *emitterClient) request(id int) string {
	c.Lock()
	defer c.Unlock()
	ch := make(chan string)
	c.pending[id] = ch
	c.wire <- id
	return <-ch // want `.emitterClient.request. can block forever receiving from .emitterClient.pending\[\]. while holding mutex .emitterClient.RWMutex.: its partner .emitterClient.onMessage. must lock it first \(AL152\)`
}

func (c *emitterClient) network() {
	id := <-c.wire
	c.onMessage(id, "keygen ok")
}

func (c *emitterClient) onMessage(id int, body string) {
	c.RLock() // want `locking mutex .emitterClient.RWMutex. can block forever: .emitterClient.request. holds it while it waits for .emitterClient.onMessage. \(AL155\)`
	ch := c.pending[id]
	c.RUnlock()
	ch <- body
}

// Fixed: request releases the lock before it waits for the reply.
type emitterClientFixed struct {
	sync.RWMutex
	pending map[int]chan string
	wire    chan int
}

func newEmitterClientFixed() *emitterClientFixed {
	c := &emitterClientFixed{pending: map[int]chan string{}, wire: make(chan int, 1)}
	go c.network()
	return c
}

func (c *emitterClientFixed) request(id int) string {
	c.Lock()
	ch := make(chan string)
	c.pending[id] = ch
	c.Unlock()
	c.wire <- id
	return <-ch
}

func (c *emitterClientFixed) network() {
	id := <-c.wire
	c.onMessage(id, "keygen ok")
}

func (c *emitterClientFixed) onMessage(id int, body string) {
	c.RLock()
	ch := c.pending[id]
	c.RUnlock()
	ch <- body
}

// RunEmitter makes one request from a goroutine and walks away.
func RunEmitter() {
	c := newEmitterClient()
	go c.request(1)
	time.Sleep(10 * time.Millisecond)
}

// RunEmitterFixed does the same with the fixed twin.
func RunEmitterFixed() {
	c := newEmitterClientFixed()
	go c.request(1)
	time.Sleep(10 * time.Millisecond)
}
