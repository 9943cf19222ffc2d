package kernels

import (
	"context"
	"time"
)

// A server stream whose request handlers each run in a goroutine and
// hand their reply to the stream's send loop on a finished channel; the
// loop returns when the stream's context is cancelled, and every handler
// still running blocks on its send (modelled on relab/gorums#141).
type streamServer struct{ handle func(int) int }

func (s *streamServer) serve(ctx context.Context, reqs []int, send func(int)) {
	finished := make(chan int)
	for _, r := range reqs {
		go func(r int) { // want `goroutine .streamServer.serve.func1. can block forever sending on unbuffered channel .finished.: .streamServer.serve. can return before receiving every value \(AL151\)`
			finished <- s.handle(r)
		}(r)
	}
	for {
		select {
		case resp := <-finished:
			send(resp)
		case <-ctx.Done():
			return
		}
	}
}

// Fixed: handlers give up their reply when the stream is gone.
type streamServerFixed struct{ handle func(int) int }

func (s *streamServerFixed) serve(ctx context.Context, reqs []int, send func(int)) {
	finished := make(chan int)
	for _, r := range reqs {
		go func(r int) {
			select {
			case finished <- s.handle(r):
			case <-ctx.Done():
			}
		}(r)
	}
	for {
		select {
		case resp := <-finished:
			send(resp)
		case <-ctx.Done():
			return
		}
	}
}

func slowHandle(r int) int {
	time.Sleep(20 * time.Millisecond)
	return r
}

// RunFinished serves a stream whose client is already gone while two
// handlers still run.
func RunFinished() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the client went away before any reply
	s := &streamServer{handle: slowHandle}
	s.serve(ctx, []int{1, 2}, func(int) {})
	time.Sleep(50 * time.Millisecond)
}

// RunFinishedFixed does the same with the fixed twin.
func RunFinishedFixed() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the client went away before any reply
	s := &streamServerFixed{handle: slowHandle}
	s.serve(ctx, []int{1, 2}, func(int) {})
	time.Sleep(50 * time.Millisecond)
}
