package recvleak

// static-only: AL154 the runtime shows an unwaited group's goroutines at
// their own blocking lines (AL152's wants), not at the g.Go call AL154
// reports.

import (
	"golang.org/x/sync/errgroup"
)

// Fixed: a semaphore filled before the goroutine that drains it starts.
func semaphore(work func()) {
	sem := make(chan bool, 1)
	sem <- true
	go func() {
		work()
		<-sem
	}()
}

// Fixed: a receiver whose loop count matches the sender's.
func lockstep(files []string) {
	start := make(chan struct{})
	go func() {
		for range files {
			<-start
		}
	}()
	for range files {
		start <- struct{}{}
	}
}

// Workers started with errgroup range over jobs; the producer returns
// early without closing it.
func errgroupWorkers(items []item) error {
	var g errgroup.Group
	jobs := make(chan item)
	for i := 0; i < 4; i++ {
		g.Go(func() error { // want `work started on .g. is not waited for`
			for it := range jobs { // want `goroutine .errgroupWorkers.func1. can block forever ranging over .jobs.`
				_ = it
			}
			return nil
		})
	}
	for _, it := range items {
		if err := it.validate(); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	return g.Wait()
}
