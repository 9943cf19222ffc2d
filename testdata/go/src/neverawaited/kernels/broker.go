package kernels

import (
	"context"
	"sync"
	"time"
)

// A server-sent-events broker that fans each message out to its
// clients' channels with plain sends; a client whose request context is
// cancelled stops reading its channel, and the broker blocks forever on
// the next message (modelled on gin-gonic/examples#173).
type sseBroker struct {
	mu       sync.Mutex
	clients  []chan string
	messages chan string
}

func newSSEBroker() *sseBroker {
	b := &sseBroker{messages: make(chan string)}
	go b.listen()
	return b
}

func (b *sseBroker) listen() {
	for msg := range b.messages {
		b.mu.Lock()
		clients := append([]chan string(nil), b.clients...)
		b.mu.Unlock()
		for _, c := range clients {
			c <- msg // want `goroutine .sseBroker.listen. can block forever sending on .sseBroker.clients\[\].: its receivers select on other cases and can stop receiving \(AL151\)`
		}
	}
}

func (b *sseBroker) serveClient(ctx context.Context, write func(string)) {
	ch := make(chan string)
	b.mu.Lock()
	b.clients = append(b.clients, ch)
	b.mu.Unlock()
	for {
		select {
		case msg := <-ch:
			write(msg)
		case <-ctx.Done():
			return
		}
	}
}

// Fixed: each client has a done channel the broker watches while it
// delivers.
type sseClient struct {
	ch   chan string
	done chan struct{}
}

type sseBrokerFixed struct {
	mu       sync.Mutex
	clients  []sseClient
	messages chan string
}

func newSSEBrokerFixed() *sseBrokerFixed {
	b := &sseBrokerFixed{messages: make(chan string)}
	go b.listen()
	return b
}

func (b *sseBrokerFixed) listen() {
	for msg := range b.messages {
		b.mu.Lock()
		clients := append([]sseClient(nil), b.clients...)
		b.mu.Unlock()
		for _, c := range clients {
			select {
			case c.ch <- msg:
			case <-c.done:
			}
		}
	}
}

func (b *sseBrokerFixed) serveClient(ctx context.Context, write func(string)) {
	c := sseClient{ch: make(chan string), done: make(chan struct{})}
	defer close(c.done)
	b.mu.Lock()
	b.clients = append(b.clients, c)
	b.mu.Unlock()
	for {
		select {
		case msg := <-c.ch:
			write(msg)
		case <-ctx.Done():
			return
		}
	}
}

// RunBroker serves a client that disconnects, then publishes.
func RunBroker() {
	b := newSSEBroker()
	ctx, cancel := context.WithCancel(context.Background())
	go b.serveClient(ctx, func(string) {})
	time.Sleep(10 * time.Millisecond)
	cancel()
	time.Sleep(10 * time.Millisecond)
	b.messages <- "tick"
	close(b.messages)
	time.Sleep(20 * time.Millisecond)
}

// RunBrokerFixed does the same with the fixed twin.
func RunBrokerFixed() {
	b := newSSEBrokerFixed()
	ctx, cancel := context.WithCancel(context.Background())
	go b.serveClient(ctx, func(string) {})
	time.Sleep(10 * time.Millisecond)
	cancel()
	time.Sleep(10 * time.Millisecond)
	b.messages <- "tick"
	close(b.messages)
	time.Sleep(20 * time.Millisecond)
}
