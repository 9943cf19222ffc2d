// Package sendleak holds AL151 cases: goroutines that send on a channel
// their receiver may stop reading, each with its fixed twin.
package sendleak

import (
	"context"
	"errors"
	"time"
)

// delay and timeoutAfter let RunLeaks drive the slow paths.
var (
	delay        = time.Millisecond
	timeoutAfter = time.Second
)

func slow() string { time.Sleep(delay); return "x" }

// The receiver selects on ctx.Done(): when it fires, the send blocks.
func selectCtx(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() { ch <- slow() }() // want `goroutine .*selectCtx.func1. can block forever sending on unbuffered channel .ch.: .selectCtx. can return before receiving every value`
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Fixed: one buffer slot per send.
func selectCtxBuffered(ctx context.Context) (string, error) {
	ch := make(chan string, 1)
	go func() { ch <- slow() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Fixed: the goroutine's send watches ctx too.
func selectCtxBothSides(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- slow():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// A timeout.
func timeout() (string, error) {
	ch := make(chan string)
	go func() { // want `can block forever sending on unbuffered channel .ch.`
		ch <- slow()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(timeoutAfter):
		return "", errors.New("timeout")
	}
}

var check = func() error { return nil }

// An error path between the go statement and the receive.
func earlyReturn() (string, error) {
	ch := make(chan string)
	go producer(ch) // want `goroutine .producer. can block forever sending on unbuffered channel .ch.`
	if err := check(); err != nil {
		return "", err
	}
	return <-ch, nil
}

func producer(out chan<- string) { out <- slow() }

// Fixed: receive on every path.
func receiveAlways() (string, error) {
	ch := make(chan string)
	go producer(ch)
	v := <-ch
	if err := check(); err != nil {
		return "", err
	}
	return v, nil
}

// Three sends, one buffer slot, one receive on the error path.
type result struct {
	v   string
	err error
}

func twoSends() error {
	ch := make(chan string, 1)
	go func() { // want `sending on channel .ch. \(buffer 1\)`
		ch <- ""
		ch <- "b"
		ch <- "c"
	}()
	if <-ch == "" {
		return errors.New("empty")
	}
	<-ch
	return nil
}

// Fixed: sends on two different paths, at most one per run.
// Fixed: two sends, one buffer slot, one receive.
func twoSendsOneSlot() error {
	ch := make(chan string, 1)
	go func() {
		ch <- "a"
		ch <- "b"
	}()
	if <-ch == "" {
		return errors.New("empty")
	}
	return nil
}

func oneSendPerPath(fail bool) string {
	ch := make(chan string, 1)
	go func() {
		if fail {
			ch <- "failed"
			return
		}
		ch <- "ok"
	}()
	return "done"
}

// First response wins: the other goroutines leak.
func firstWins(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- u + slow() }() // want `can block forever sending on unbuffered channel .ch.`
	}
	return <-ch
}

// Fixed: collect every response.
func collectAll(urls []string) []string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- u + slow() }()
	}
	var out []string
	for range urls {
		out = append(out, <-ch)
	}
	return out
}

// Stop at the first error: the rest of the senders leak.
func stopAtError(urls []string) error {
	ch := make(chan result)
	for _, u := range urls {
		go func() { ch <- result{v: u, err: errors.New(u)} }() // want `can block forever sending`
	}
	for range urls {
		if r := <-ch; r.err != nil {
			return r.err
		}
	}
	return nil
}

// Fixed: the buffer holds every result.
func stopAtErrorBuffered(urls []string) error {
	ch := make(chan result, len(urls))
	for _, u := range urls {
		go func() { ch <- result{v: u} }()
	}
	for range urls {
		if r := <-ch; r.err != nil {
			return r.err
		}
	}
	return nil
}

// Fixed: the receiving loop returns only from the channel's case.
func retryUntilValue(tick <-chan time.Time) string {
	ch := make(chan string)
	go func() { ch <- slow() }()
	for {
		select {
		case v := <-ch:
			return v
		case <-tick:
		}
	}
}

// Not ours to judge: the channel is returned to the caller.
func handedOn() <-chan string {
	ch := make(chan string)
	go func() { ch <- slow() }()
	return ch
}
