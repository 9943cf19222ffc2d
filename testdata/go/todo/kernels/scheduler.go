package kernels

import "time"

// An executor with two loops that both watch stopCh, and a Stop that
// sends one value on it instead of closing it: one loop never hears
// (modelled on go-co-op/gocron#837).
type executor struct {
	stopCh chan struct{}
	jobs   chan int
	timers chan int
}

func newExecutor() *executor {
	e := &executor{stopCh: make(chan struct{}), jobs: make(chan int), timers: make(chan int)}
	go e.runJobs()
	go e.runTimers()
	return e
}

func (e *executor) runJobs() {
	for {
		select {
		case <-e.jobs:
		case <-e.stopCh:
			return
		}
	}
}

func (e *executor) runTimers() {
	for {
		select {
		case <-e.timers:
		case <-e.stopCh:
			return
		}
	}
}

func (e *executor) Stop() {
	e.stopCh <- struct{}{}
	time.Sleep(5 * time.Millisecond)
}

// Fixed: closing stopCh tells every loop.
type executorFixed struct {
	stopCh chan struct{}
	jobs   chan int
	timers chan int
}

func newExecutorFixed() *executorFixed {
	e := &executorFixed{stopCh: make(chan struct{}), jobs: make(chan int), timers: make(chan int)}
	go e.runJobs()
	go e.runTimers()
	return e
}

func (e *executorFixed) runJobs() {
	for {
		select {
		case <-e.jobs:
		case <-e.stopCh:
			return
		}
	}
}

func (e *executorFixed) runTimers() {
	for {
		select {
		case <-e.timers:
		case <-e.stopCh:
			return
		}
	}
}

func (e *executorFixed) Stop() {
	close(e.stopCh)
	time.Sleep(5 * time.Millisecond)
}

// RunScheduler drives the bug and drops every reference to it.
func RunScheduler() {
	newExecutor().Stop()
}

// RunSchedulerFixed drives the fixed twin down the same path.
func RunSchedulerFixed() {
	newExecutorFixed().Stop()
}
