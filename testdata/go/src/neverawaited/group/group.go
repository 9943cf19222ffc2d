// Package group holds AL154 cases: groups started on a path that returns
// without Wait.
package group

// static-only: AL154 the started work finishes, so nothing leaks, and the
// cases share no state a race could show.

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

func upload(ctx context.Context, s string) error { return ctx.Err() }
func prepare(s string) error {
	if s == "" {
		return errors.New("empty")
	}
	return nil
}

func errgroupEarlyReturn(ctx context.Context, a, b string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return upload(ctx, a) }) // want `work started on .g. is not waited for: .errgroupEarlyReturn. can return without calling .g..Wait`
	if err := prepare(b); err != nil {
		return err
	}
	g.Go(func() error { return upload(ctx, b) })
	return g.Wait()
}

// A group made with new(T) is named by its variable, not by new
// (quic-go's integration tests).
func newGroupEarlyReturn(ctx context.Context, items []string) error {
	g := new(errgroup.Group)
	for _, it := range items {
		if err := prepare(it); err != nil {
			return err
		}
		g.Go(func() error { return upload(ctx, it) }) // want `work started on .g. is not waited for: .newGroupEarlyReturn. can return without calling .g..Wait`
	}
	return g.Wait()
}

// Fixed: prepare before starting.
func errgroupPrepareFirst(ctx context.Context, a, b string) error {
	if err := prepare(b); err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return upload(ctx, a) })
	g.Go(func() error { return upload(ctx, b) })
	return g.Wait()
}

func waitGroupEarlyReturn(items []string) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1) // want `work started on .wg. is not waited for`
		go func() {
			defer wg.Done()
			_ = prepare(it)
		}()
		if it == "stop" {
			return errors.New("stopped")
		}
	}
	wg.Wait()
	return nil
}

// Fixed: Wait on every path.
func waitGroupAllPaths(items []string) error {
	var wg sync.WaitGroup
	var err error
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = prepare(it)
		}()
		if it == "stop" {
			err = errors.New("stopped")
			break
		}
	}
	wg.Wait()
	return err
}

// Fixed: deferred Wait.
func waitGroupDeferred(items []string) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = prepare(it)
		}()
		if it == "stop" {
			return errors.New("stopped")
		}
	}
	return nil
}

// Fixed: a goroutine waits and closes the results channel.
func waiterGoroutine(items []string) <-chan error {
	var wg sync.WaitGroup
	out := make(chan error, len(items))
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- prepare(it)
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// Fixed: sync.WaitGroup.Go and Wait.
func waitGroupGo(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { _ = prepare(it) })
	}
	wg.Wait()
}

// Fixed: a barrier the goroutines wait on; the function waits on wg.
func barrier(n int) {
	var ready, wg sync.WaitGroup
	ready.Add(n)
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			ready.Done()
			ready.Wait()
		}()
	}
	wg.Wait()
}

func clean(ctx context.Context, shard string) { _ = upload(ctx, shard) }

// Left unwaited only once ctx is cancelled, and every shard's goroutine
// is handed ctx, so it stops on the same cancellation (centrifuge's
// RedisMapBroker.runCleanupCycle): reported, tagged for the policy layer.
func cleanupCycle(ctx context.Context, shards []string) {
	var wg sync.WaitGroup
	for _, shard := range shards {
		if ctx.Err() != nil {
			return
		}
		wg.Add(1) // want `work started on .wg. is not waited for: .cleanupCycle. can return`
		go func() {
			defer wg.Done()
			clean(ctx, shard)
		}()
	}
	wg.Wait()
}

// The same on a receive from ctx.Done() in a select.
func cleanupUntilDone(ctx context.Context, shards <-chan string) {
	var wg sync.WaitGroup
	for {
		select {
		case <-ctx.Done():
			return
		case shard, ok := <-shards:
			if !ok {
				wg.Wait()
				return
			}
			wg.Go(func() { clean(ctx, shard) }) // want `work started on .wg. is not waited for: .cleanupUntilDone. can return`
		}
	}
}

// Not tagged: the goroutines see ctx, but the function also returns
// unwaited on an error of its own, while ctx goes on.
func cleanupOrFail(ctx context.Context, shards []string) error {
	var wg sync.WaitGroup
	for _, shard := range shards {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := prepare(shard); err != nil {
			return err
		}
		wg.Add(1) // want `work started on .wg. is not waited for: .cleanupOrFail. can return`
		go func() {
			defer wg.Done()
			clean(ctx, shard)
		}()
	}
	wg.Wait()
	return nil
}

var checkSubscriber, verifyAfter = true, false

// Fixed: the Wait is under a test of the same flag as the Add, which
// nothing assigns in between: both tests go the same way (badger's bank
// test, if checkSubscriber { subWg.Add(1) } … if checkSubscriber {
// subWg.Wait() }).
func subscribeAndCheck(ctx context.Context, items []string) {
	var subWg sync.WaitGroup
	if checkSubscriber {
		subWg.Add(1)
		go func() {
			defer subWg.Done()
			clean(ctx, "subscriber")
		}()
	}
	for _, it := range items {
		_ = prepare(it)
	}
	if checkSubscriber {
		subWg.Wait()
	}
}

// The same with a flag parameter, negated on one side.
func subscribeIf(ctx context.Context, subscribe bool) {
	var subWg sync.WaitGroup
	if subscribe {
		subWg.Add(1)
		go func() {
			defer subWg.Done()
			clean(ctx, "subscriber")
		}()
	}
	if !subscribe {
		return
	}
	subWg.Wait()
}

// Another flag decides the Wait: the Add's path can skip it.
func subscribeOtherFlag(ctx context.Context) {
	var subWg sync.WaitGroup
	if checkSubscriber {
		subWg.Add(1) // want `work started on .subWg. is not waited for: .subscribeOtherFlag. can return`
		go func() {
			defer subWg.Done()
			clean(ctx, "subscriber")
		}()
	}
	if verifyAfter {
		subWg.Wait()
	}
}

// Not a skipped Wait: nothing ever waits (a goroutine meant to outlive
// the function).
func neverWaits(loop func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		loop()
	}()
}
