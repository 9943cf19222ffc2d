// Package outcome holds AL151 cases where a goroutine reports its outcome
// on one of several channels, and loops whose condition is negated.
package outcome

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var work = func() error { return nil }

// Fixed: the goroutine sends on errs or closes done, never both, and the
// caller waits for either: whichever it delivers is received.
func errsOrClose() error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			errs <- err
			return
		}
		close(done)
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

// Fixed: the same with a send on done.
func errsOrSend() error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			errs <- err
			return
		}
		done <- struct{}{}
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

// Fixed: the error is sent before done is closed by the deferred close,
// so done cannot fire while the send waits.
func errsThenClose() error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := work(); err != nil {
			errs <- err
		}
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

// The caller also gives up on a timeout: whichever channel the goroutine
// picks, its send then blocks.
func errsOrDoneTimeout(ctx context.Context) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() { // want `goroutine .errsOrDoneTimeout.func1. can block forever sending on unbuffered channel .errs.: .errsOrDoneTimeout. can return before receiving every value \(AL151\)`
		time.Sleep(delay)
		if err := work(); err != nil {
			errs <- err
			return
		}
		done <- struct{}{}
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

var delay = time.Millisecond

// The goroutine sends on both on one path: receiving one is not enough.
func errsAndDone() error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() { // want `goroutine .errsAndDone.func1. can block forever sending on unbuffered channel .errs.`
		errs <- work()
		done <- struct{}{}
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

type stopper struct{ n, want int }

func (s *stopper) HasFired() bool { return s.n >= s.want }

// Fixed: a counted loop whose condition is negated still receives every
// value before it ends.
func negatedLoop(n int) int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() { ch <- i }()
	}
	s := &stopper{want: n}
	sum := 0
	for !s.HasFired() {
		sum += <-ch
		s.n++
	}
	return sum
}

// A test helper: the goroutine leaks only when the result is late, after
// the test has already failed. Reported as info.
func waitResult(t testing.TB, timeout time.Duration) {
	res := make(chan int)
	go func() { // want `can block forever sending on unbuffered channel .res.: .waitResult. can return before receiving every value \(only after the test has failed\) \(AL151\)`
		time.Sleep(delay)
		res <- 1
	}()
	select {
	case <-res:
	case <-time.After(timeout):
		t.Errorf("no result within %v", timeout)
	}
}

// The same helper failing the test through testify (pion/transport's
// TestPingPong_CloseReleasesWaitingWriters): info too.
func waitResultAssert(t assert.TestingT, timeout time.Duration) {
	res := make(chan int)
	go func() { // want `can block forever sending on unbuffered channel .res.: .waitResultAssert. can return before receiving every value \(only after the test has failed\) \(AL151\)`
		time.Sleep(delay)
		res <- 1
	}()
	select {
	case <-res:
	case <-time.After(timeout):
		assert.Fail(t, "no result in time")
	}
}

// A test that returns early only when an assertion failed it
// (pion/transport's TestUDPConn: if !assert.Nil(t, err) { return }):
// info.
func echoOnce(t assert.TestingT, write func() error) {
	echoed := make(chan int)
	go func() { // want `goroutine .echoOnce.func1. can block forever sending on unbuffered channel .echoed.: .echoOnce. can return before receiving every value \(only after the test has failed\) \(AL151\)`
		time.Sleep(delay)
		echoed <- 1
	}()
	if !assert.NoError(t, write()) {
		return
	}
	<-echoed
}

// A benchmark's pipeline (net/rpc's benchmarkEndToEndAsync): the
// consumer stops receiving only once it has failed the benchmark, so the
// producer's leak is info.
func checkReplies(t testing.TB, n int) {
	replies := make(chan int, 4)
	go func() {
		for i := 0; i < n; i++ {
			replies <- i - n/2 // want `goroutine .checkReplies.func1. can block forever sending on channel .replies. \(buffer 4\): its receiver, goroutine .checkReplies.func2., can return before the channel is closed \(only after the test has failed\) \(AL151\)`
		}
		close(replies)
	}()
	go func() {
		for r := range replies {
			if r < 0 {
				t.Errorf("negative reply %d", r)
				return
			}
		}
	}()
}

// The goroutine closes ready, then sends its error: receiving from ready
// does not take the error, and the caller can give up after it.
func readyThenErr(ctx context.Context) error {
	ready := make(chan struct{})
	errs := make(chan error)
	go func() { // want `goroutine .readyThenErr.func1. can block forever sending on unbuffered channel .errs.: .readyThenErr. can return before receiving every value \(AL151\)`
		close(ready)
		time.Sleep(delay)
		errs <- work()
	}()
	<-ready
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Fixed: the goroutine may send on both channels, but each has a buffer
// slot for its own send, so the caller may return without receiving.
func bufferedEach(fail, giveUp bool) []byte {
	errCh := make(chan error, 1)
	dataCh := make(chan []byte, 1)
	go func() {
		if fail {
			errCh <- context.Canceled
		}
		dataCh <- []byte("data")
	}()
	if giveUp {
		return nil
	}
	select {
	case <-errCh:
		return nil
	case d := <-dataCh:
		return d
	}
}
