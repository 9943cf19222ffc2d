// Package ignorectx holds AL352 cases: goroutines that run forever and
// cannot see the context of the function that started them.
package ignorectx

// static-only: AL352 the goroutines sleep or spin forever; the leak
// profile reports only goroutines blocked on unreachable channels, and the
// starter returns once its context is cancelled.

import (
	"context"
	"time"

	"looppassing/foreverlib"
)

type server struct{ n int }

func (s *server) refresh() { s.n++ }

func (s *server) poll() {
	for {
		s.refresh()
		time.Sleep(time.Minute)
	}
}

// run calls poll: it never returns either.
func (s *server) run() {
	s.refresh()
	s.poll()
}

func (s *server) Serve(ctx context.Context) error {
	go s.poll()          // want "goroutine `server.poll` runs forever and cannot observe `ctx`: it outlives the cancellation of `server.Serve`"
	go s.run()           // want "goroutine `server.run` runs forever"
	go foreverlib.Poll() // want "goroutine `foreverlib.Poll` runs forever"
	go foreverlib.Once() // returns
	go s.pollCtx(ctx)    // has ctx
	go func() {          // want "goroutine `server.Serve.func1` runs forever"
		for {
			s.refresh()
		}
	}()
	<-ctx.Done()
	return ctx.Err()
}

// Fixed: the loop watches ctx.
func (s *server) pollCtx(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		s.refresh()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

// No context in the starter: nothing to observe.
func start(s *server) { go s.poll() }

// A tool's runner that only main calls, with context.Background():
// nothing can cancel its context, so there is no cancellation for the
// poller to outlive.
func runTool(ctx context.Context, s *server) {
	go s.pollCtx(ctx)
	go s.poll()
}

func toolMain() {
	runTool(context.Background(), &server{})
}

// The same runner, also called with a context its caller can cancel.
func runService(ctx context.Context, s *server) {
	go s.poll() // want "goroutine `server.poll` runs forever and cannot observe `ctx`: it outlives the cancellation of `runService`"
}

func serviceMain() {
	runService(context.TODO(), &server{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runService(ctx, &server{})
}

// A runner used as a value may be called with anything.
func runHook(ctx context.Context, s *server) {
	go s.poll() // want "goroutine `server.poll` runs forever and cannot observe `ctx`: it outlives the cancellation of `runHook`"
}

var hooks = []func(context.Context, *server){runHook}

func hookMain() {
	runHook(context.Background(), &server{})
}
