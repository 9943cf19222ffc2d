package kernels

import (
	"context"
	"time"
)

// A batch-stream handler whose recv helper starts a goroutine that
// forwards each received request, or the receive error, on unbuffered
// channels; the handler's loop returns when its context is done, and the
// forwarding goroutine blocks forever on its next send (modelled on
// weaviate/weaviate#12749, fixed in #12751: "recv's child goroutine
// blocks forever on an unbuffered channel send that no one will ever
// read").
type batchStream struct {
	next func() (string, error)
}

func (s *batchStream) recv(reqCh chan<- string, errCh chan<- error) {
	go func() { // want `goroutine .batchStream.recv.func1. can block forever sending on unbuffered channel .reqCh.: .batchStream.Handle. can return before receiving every value \(AL151\)`
		for {
			req, err := s.next()
			if err != nil {
				errCh <- err
				return
			}
			reqCh <- req
		}
	}()
}

func (s *batchStream) Handle(ctx context.Context) error {
	reqCh := make(chan string)
	errCh := make(chan error)
	s.recv(reqCh, errCh)
	for {
		select {
		case <-reqCh:
		case err := <-errCh:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Fixed: the forwarding goroutine gives up when the handler's context
// is done.
type batchStreamFixed struct {
	next func() (string, error)
}

func (s *batchStreamFixed) recv(ctx context.Context, reqCh chan<- string, errCh chan<- error) {
	go func() {
		for {
			req, err := s.next()
			if err != nil {
				select {
				case errCh <- err:
				case <-ctx.Done():
				}
				return
			}
			select {
			case reqCh <- req:
			case <-ctx.Done():
				return
			}
		}
	}()
}

func (s *batchStreamFixed) Handle(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	reqCh := make(chan string)
	errCh := make(chan error)
	s.recv(ctx, reqCh, errCh)
	for {
		select {
		case <-reqCh:
		case err := <-errCh:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func slowRequests() (string, error) {
	time.Sleep(2 * time.Millisecond)
	return "batch", nil
}

// RunBatchRecv cancels a handler while a request is on its way.
func RunBatchRecv() {
	ctx, cancel := context.WithCancel(context.Background())
	go (&batchStream{next: slowRequests}).Handle(ctx)
	time.Sleep(time.Millisecond)
	cancel()
	time.Sleep(10 * time.Millisecond)
}

// RunBatchRecvFixed does the same with the fixed twin.
func RunBatchRecvFixed() {
	ctx, cancel := context.WithCancel(context.Background())
	go (&batchStreamFixed{next: slowRequests}).Handle(ctx)
	time.Sleep(time.Millisecond)
	cancel()
	time.Sleep(10 * time.Millisecond)
}
