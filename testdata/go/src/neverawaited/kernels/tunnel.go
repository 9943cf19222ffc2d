package kernels

import (
	"context"
	"sync"
	"time"
)

// A tunnel server that files an unbuffered reply channel per session in
// a map and waits on it or on its context; the client's register loop
// looks the channel up and answers with a plain send, which blocks
// forever when the waiter has already timed out (modelled on
// openconfig/grpctunnel#94).
type tunnelServer struct {
	mu    sync.Mutex
	conns map[string]chan error
}

func (s *tunnelServer) handleSession(ctx context.Context, id string) error {
	ch := make(chan error)
	s.mu.Lock()
	s.conns[id] = ch
	s.mu.Unlock()
	go s.register(id)
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		s.mu.Lock()
		delete(s.conns, id)
		s.mu.Unlock()
		return ctx.Err()
	}
}

func (s *tunnelServer) register(id string) {
	s.mu.Lock()
	ch := s.conns[id]
	s.mu.Unlock()
	time.Sleep(30 * time.Millisecond) // the client answers late
	ch <- nil                         // want `goroutine .tunnelServer.register. can block forever sending on .tunnelServer.conns\[\].: its receivers select on other cases and can stop receiving \(AL151\)`
}

// Fixed: the reply channel holds the one answer.
type tunnelServerFixed struct {
	mu    sync.Mutex
	conns map[string]chan error
}

func (s *tunnelServerFixed) handleSession(ctx context.Context, id string) error {
	ch := make(chan error, 1)
	s.mu.Lock()
	s.conns[id] = ch
	s.mu.Unlock()
	go s.register(id)
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		s.mu.Lock()
		delete(s.conns, id)
		s.mu.Unlock()
		return ctx.Err()
	}
}

func (s *tunnelServerFixed) register(id string) {
	s.mu.Lock()
	ch := s.conns[id]
	s.mu.Unlock()
	time.Sleep(30 * time.Millisecond)
	ch <- nil
}

// RunTunnel opens a session that times out before the client answers.
func RunTunnel() {
	s := &tunnelServer{conns: map[string]chan error{}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	_ = s.handleSession(ctx, "t1")
	time.Sleep(80 * time.Millisecond)
}

// RunTunnelFixed does the same with the fixed twin.
func RunTunnelFixed() {
	s := &tunnelServerFixed{conns: map[string]chan error{}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	_ = s.handleSession(ctx, "t1")
	time.Sleep(80 * time.Millisecond)
}
