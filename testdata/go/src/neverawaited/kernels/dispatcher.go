package kernels

import "time"

// A dispatcher whose Stop closes quit, which its feeder watches, while
// its workers range over the job channel that nobody closes: after Stop
// the workers wait forever (modelled on the Kubernetes and Moby worker
// pools whose Stop ended the producer but not the consumers).
type dispatcher struct {
	jobs chan func()
	quit chan struct{}
}

func newDispatcher(workers int) *dispatcher {
	d := &dispatcher{jobs: make(chan func()), quit: make(chan struct{})}
	for i := 0; i < workers; i++ {
		go d.worker()
	}
	return d
}

func (d *dispatcher) worker() {
	for job := range d.jobs { // want `goroutine .dispatcher.worker. ranges over .dispatcher.jobs., which nothing closes: .dispatcher.Stop. stops this type.s goroutines by closing .dispatcher.quit., which this loop never watches, so it blocks forever \(AL152\)`
		job()
	}
}

func (d *dispatcher) Submit(job func()) bool {
	select {
	case d.jobs <- job:
		return true
	case <-d.quit:
		return false
	}
}

func (d *dispatcher) Stop() { close(d.quit) }

// Fixed: the workers watch quit too.
type dispatcherFixed struct {
	jobs chan func()
	quit chan struct{}
}

func newDispatcherFixed(workers int) *dispatcherFixed {
	d := &dispatcherFixed{jobs: make(chan func()), quit: make(chan struct{})}
	for i := 0; i < workers; i++ {
		go d.worker()
	}
	return d
}

func (d *dispatcherFixed) worker() {
	for {
		select {
		case job := <-d.jobs:
			job()
		case <-d.quit:
			return
		}
	}
}

func (d *dispatcherFixed) Submit(job func()) bool {
	select {
	case d.jobs <- job:
		return true
	case <-d.quit:
		return false
	}
}

func (d *dispatcherFixed) Stop() { close(d.quit) }

// RunDispatcher submits a job and stops the dispatcher.
func RunDispatcher() {
	d := newDispatcher(2)
	d.Submit(func() {})
	d.Stop()
	time.Sleep(5 * time.Millisecond)
}

// RunDispatcherFixed does the same with the fixed twin.
func RunDispatcherFixed() {
	d := newDispatcherFixed(2)
	d.Submit(func() {})
	d.Stop()
	time.Sleep(5 * time.Millisecond)
}
