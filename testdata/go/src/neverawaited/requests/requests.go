// Package requests holds request loops and lock-guarded wait groups that
// look like the leaking kernels (applyfuture.go, errgroupwait.go) but
// cannot leak: none of them is reported.
package requests

import (
	"errors"
	"sync"
)

type request struct {
	key   string
	reply chan string
}

// The loop answers each request on the turn it takes it.
type server struct {
	reqs chan *request
	quit chan struct{}
}

func (s *server) loop() {
	for {
		select {
		case r := <-s.reqs:
			r.reply <- "v:" + r.key
		case <-s.quit:
			return
		}
	}
}

func (s *server) Get(key string) (string, error) {
	r := &request{key: key, reply: make(chan string, 1)}
	select {
	case s.reqs <- r:
	case <-s.quit:
		return "", errors.New("closed")
	}
	return <-r.reply, nil
}

func newServer() *server {
	s := &server{reqs: make(chan *request), quit: make(chan struct{})}
	go s.loop()
	return s
}

// The loop answers an empty key itself and hands every other request to
// a goroutine of its own, which answers.
type forwardingServer struct {
	reqs chan *request
	quit chan struct{}
}

func (s *forwardingServer) loop() {
	for {
		select {
		case r := <-s.reqs:
			if r.key == "" {
				r.reply <- ""
				continue
			}
			go s.serve(r)
		case <-s.quit:
			return
		}
	}
}

func (s *forwardingServer) serve(r *request) { r.reply <- "v:" + r.key }

func (s *forwardingServer) Get(key string) (string, error) {
	r := &request{key: key, reply: make(chan string, 1)}
	select {
	case s.reqs <- r:
	case <-s.quit:
		return "", errors.New("closed")
	}
	return <-r.reply, nil
}

func newForwardingServer() *forwardingServer {
	s := &forwardingServer{reqs: make(chan *request), quit: make(chan struct{})}
	go s.loop()
	return s
}

// The caller waits for the reply in a select that also watches quit.
type queueingServer struct {
	reqs    chan *request
	flush   chan struct{}
	quit    chan struct{}
	pending []*request
}

func (s *queueingServer) loop() {
	for {
		select {
		case r := <-s.reqs:
			s.pending = append(s.pending, r)
		case <-s.flush:
			for _, r := range s.pending {
				r.reply <- "v:" + r.key
			}
			s.pending = nil
		case <-s.quit:
			return
		}
	}
}

func (s *queueingServer) Get(key string) (string, error) {
	r := &request{key: key, reply: make(chan string, 1)}
	select {
	case s.reqs <- r:
	case <-s.quit:
		return "", errors.New("closed")
	}
	select {
	case v := <-r.reply:
		return v, nil
	case <-s.quit:
		return "", errors.New("closed")
	}
}

func newQueueingServer() *queueingServer {
	s := &queueingServer{reqs: make(chan *request), flush: make(chan struct{}), quit: make(chan struct{})}
	go s.loop()
	return s
}

// Wait holds a read lock, and a failing task takes only a read lock:
// readers share the mutex, so neither waits for the other.
type readGroup struct {
	mu   sync.RWMutex
	wg   sync.WaitGroup
	errs int
}

func (g *readGroup) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.RLock()
			_ = g.errs
			g.mu.RUnlock()
		}
	}()
}

func (g *readGroup) Wait() {
	g.mu.RLock()
	defer g.mu.RUnlock()
	g.wg.Wait()
}
