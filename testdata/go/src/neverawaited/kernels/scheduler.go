package kernels

import "time"

// An executor whose workers all watch stopCh, and a Stop that sends one
// value on it instead of closing it: one worker hears, the others wait
// forever (modelled on go-co-op/gocron#837).
type executor struct {
	stopCh chan struct{}
	jobs   chan int
}

func newExecutor(workers int) *executor {
	e := &executor{stopCh: make(chan struct{}), jobs: make(chan int)}
	for i := 0; i < workers; i++ {
		go e.run()
	}
	return e
}

func (e *executor) run() {
	for {
		select { // want `goroutine .executor.run. can block forever waiting on .executor.stopCh.: several goroutines wait on it, and .executor.Stop. sends one value and never closes it \(AL152\)`
		case <-e.jobs:
		case <-e.stopCh:
			return
		}
	}
}

func (e *executor) Stop() {
	e.stopCh <- struct{}{}
	time.Sleep(5 * time.Millisecond)
}

// Fixed: closing stopCh tells every worker.
type executorFixed struct {
	stopCh chan struct{}
	jobs   chan int
}

func newExecutorFixed(workers int) *executorFixed {
	e := &executorFixed{stopCh: make(chan struct{}), jobs: make(chan int)}
	for i := 0; i < workers; i++ {
		go e.run()
	}
	return e
}

func (e *executorFixed) run() {
	for {
		select {
		case <-e.jobs:
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
	newExecutor(3).Stop()
}

// RunSchedulerFixed drives the fixed twin down the same path.
func RunSchedulerFixed() {
	newExecutorFixed(3).Stop()
}
