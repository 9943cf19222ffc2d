package kernels

import (
	"context"
	"sync"
	"time"
)

// A semaphore-bounded group whose Go counts the task in its wait group
// before acquiring the semaphore; when the acquire fails (the context is
// done) Go returns without starting the task, the count is never taken
// back, and Wait blocks forever (modelled on fatih/semgroup#2, "Fix
// deadlock").
type semGroup struct {
	ctx  context.Context
	sem  chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
}

func newSemGroup(ctx context.Context, n int) *semGroup {
	return &semGroup{ctx: ctx, sem: make(chan struct{}, n)}
}

func (g *semGroup) Go(f func() error) {
	g.wg.Add(1)
	select {
	case g.sem <- struct{}{}:
	case <-g.ctx.Done():
		g.mu.Lock()
		g.errs = append(g.errs, g.ctx.Err())
		g.mu.Unlock()
		return
	}
	go func() {
		defer g.wg.Done()
		defer func() { <-g.sem }()
		if err := f(); err != nil {
			g.mu.Lock()
			g.errs = append(g.errs, err)
			g.mu.Unlock()
		}
	}()
}

func (g *semGroup) Wait() []error {
	g.wg.Wait() // want `.semGroup.wg..Wait can block forever: .semGroup.Go. adds one to it and can return without starting the goroutine that calls Done \(AL156\)`
	return g.errs
}

// Fixed: the count is taken only once the task starts.
type semGroupFixed struct {
	ctx  context.Context
	sem  chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
}

func newSemGroupFixed(ctx context.Context, n int) *semGroupFixed {
	return &semGroupFixed{ctx: ctx, sem: make(chan struct{}, n)}
}

func (g *semGroupFixed) Go(f func() error) {
	select {
	case g.sem <- struct{}{}:
	case <-g.ctx.Done():
		g.mu.Lock()
		g.errs = append(g.errs, g.ctx.Err())
		g.mu.Unlock()
		return
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer func() { <-g.sem }()
		if err := f(); err != nil {
			g.mu.Lock()
			g.errs = append(g.errs, err)
			g.mu.Unlock()
		}
	}()
}

func (g *semGroupFixed) Wait() []error {
	g.wg.Wait()
	return g.errs
}

// RunSemGroup submits a task after the group's context is cancelled,
// while its one slot is taken.
func RunSemGroup() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := newSemGroup(ctx, 1)
	g.sem <- struct{}{} // the one slot is taken
	g.Go(func() error { return nil })
	go g.Wait()
	time.Sleep(5 * time.Millisecond)
}

// RunSemGroupFixed does the same with the fixed twin.
func RunSemGroupFixed() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := newSemGroupFixed(ctx, 1)
	g.sem <- struct{}{} // the one slot is taken
	g.Go(func() error { return nil })
	go g.Wait()
	time.Sleep(5 * time.Millisecond)
}
