package kernels

import "context"

// A worker pool started with a context: Stop cancels the context but
// the workers range over the job channel, which nobody closes, and never
// look at the context (modelled on vxcontrol/pentagi#367 and the
// Kubernetes workqueue shutdown leaks).
type workerPool struct {
	jobs   chan func()
	cancel context.CancelFunc
}

func (p *workerPool) Start(ctx context.Context, n int) {
	ctx, p.cancel = context.WithCancel(ctx)
	p.jobs = make(chan func())
	for i := 0; i < n; i++ {
		go p.worker()
	}
}

func (p *workerPool) worker() {
	for job := range p.jobs { // want `goroutine .workerPool.worker. ranges over .workerPool.jobs., which nothing closes: .workerPool.Stop. stops this type's goroutines by calling the context cancel func in .workerPool.cancel., whose context this loop never sees, so it blocks forever \(AL152\)`
		job()
	}
}

func (p *workerPool) Stop() { p.cancel() }

// Fixed: Stop closes the job channel the workers range over.
type workerPoolFixed struct {
	jobs   chan func()
	cancel context.CancelFunc
}

func (p *workerPoolFixed) Start(ctx context.Context, n int) {
	ctx, p.cancel = context.WithCancel(ctx)
	p.jobs = make(chan func())
	for i := 0; i < n; i++ {
		go p.worker()
	}
}

func (p *workerPoolFixed) worker() {
	for job := range p.jobs {
		job()
	}
}

func (p *workerPoolFixed) Stop() {
	p.cancel()
	close(p.jobs)
}

// RunPool drives the bug and drops every reference to it.
func RunPool(ctx context.Context) {
	p := &workerPool{}
	p.Start(ctx, 2)
	p.jobs <- func() {}
	p.Stop()
}

// RunPoolFixed drives the fixed twin down the same path.
func RunPoolFixed(ctx context.Context) {
	p := &workerPoolFixed{}
	p.Start(ctx, 2)
	p.jobs <- func() {}
	p.Stop()
}
