// Package recvleak holds AL152 cases: goroutines that wait on a channel
// the producer may never close.
package recvleak

import "errors"

type item struct{ bad bool }

func (i item) validate() error {
	if i.bad {
		return errors.New("bad")
	}
	return nil
}

func worker(jobs <-chan item) {
	for it := range jobs {
		_ = it
	}
}

func process(items []item) error {
	jobs := make(chan item)
	go worker(jobs) // want `goroutine .worker. can block forever ranging over .jobs.: .process. can return without closing it`
	for _, it := range items {
		if err := it.validate(); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// Fixed: defer close.
func processDeferClose(items []item) error {
	jobs := make(chan item)
	defer close(jobs)
	go worker(jobs)
	for _, it := range items {
		if err := it.validate(); err != nil {
			return err
		}
		jobs <- it
	}
	return nil
}

// Fixed: close on every path.
func processCloseAll(items []item) error {
	jobs := make(chan item)
	go worker(jobs)
	for _, it := range items {
		if err := it.validate(); err != nil {
			close(jobs)
			return err
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// A closure worker, never closed at all.
func neverClosed(items []item) {
	jobs := make(chan item)
	go func() { // want `ranging over .jobs.`
		for it := range jobs {
			_ = it
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// A single receive, skipped on the error path.
func singleReceive(it item) error {
	done := make(chan item)
	go func() { // want `receiving from .done.: .singleReceive. can return without sending on or closing it`
		<-done
	}()
	if err := it.validate(); err != nil {
		return err
	}
	done <- it
	return nil
}

// Fixed: the goroutine also watches a quit channel.
func singleReceiveSelect(it item, quit chan struct{}) error {
	done := make(chan item)
	go func() {
		select {
		case <-done:
		case <-quit:
		}
	}()
	if err := it.validate(); err != nil {
		return err
	}
	done <- it
	return nil
}

// Not ours: another goroutine produces and closes.
func producerGoroutine(items []item) {
	jobs := make(chan item)
	go worker(jobs)
	go func() {
		for _, it := range items {
			jobs <- it
		}
		close(jobs)
	}()
}

// Fixed: the other case sends on a channel nobody receives from, so it
// never fires and the goroutine always gets its value.
func deadCase() {
	c := make(chan bool)
	c2 := make(chan bool)
	go func() {
		<-c
	}()
	select {
	case c <- true:
	case c2 <- true:
	}
}
