package kernels

import (
	"context"
	"time"
)

// A rate limiter whose constructor derives a cancellable context for its
// token goroutine and keeps the cancel func in a field that nothing ever
// calls: the goroutine waits forever to hand out a token once the
// limiter is dropped (modelled on projectdiscovery/ratelimit#19).
type rateLimiter struct {
	tokens chan struct{}
	cancel context.CancelFunc
}

func newRateLimiter() *rateLimiter {
	ctx, cancel := context.WithCancel(context.Background())
	l := &rateLimiter{tokens: make(chan struct{}), cancel: cancel}
	go l.run(ctx)
	return l
}

func (l *rateLimiter) run(ctx context.Context) {
	for {
		select { // want `goroutine .rateLimiter.run. can only return when its context is done, and nothing cancels it: its .context.WithCancel. cancel func is kept in .rateLimiter.cancel., which nothing calls, so the goroutine blocks here forever once its partners are gone \(AL152\)`
		case <-ctx.Done():
			return
		case l.tokens <- struct{}{}:
		}
	}
}

func (l *rateLimiter) Take() { <-l.tokens }

// Fixed: Stop calls the cancel func, the caller stops the limiter, and
// Take gives up once it is stopped.
type rateLimiterFixed struct {
	tokens chan struct{}
	done   <-chan struct{}
	cancel context.CancelFunc
}

func newRateLimiterFixed() *rateLimiterFixed {
	ctx, cancel := context.WithCancel(context.Background())
	l := &rateLimiterFixed{tokens: make(chan struct{}), done: ctx.Done(), cancel: cancel}
	go l.run(ctx)
	return l
}

func (l *rateLimiterFixed) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case l.tokens <- struct{}{}:
		}
	}
}

func (l *rateLimiterFixed) Take() {
	select {
	case <-l.tokens:
	case <-l.done:
	}
}

func (l *rateLimiterFixed) Stop() { l.cancel() }

// RunRateLimit takes a token and drops the limiter.
func RunRateLimit() {
	l := newRateLimiter()
	l.Take()
	time.Sleep(5 * time.Millisecond)
}

// RunRateLimitFixed takes a token and stops the limiter.
func RunRateLimitFixed() {
	l := newRateLimiterFixed()
	l.Take()
	l.Stop()
	time.Sleep(5 * time.Millisecond)
}
