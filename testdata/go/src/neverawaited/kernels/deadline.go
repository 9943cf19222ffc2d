package kernels

import (
	"errors"
	"time"
)

// A deadline helper that runs the work in a goroutine with a stopper
// channel and returns ErrTimedOut after closing the stopper; the work
// honours the stopper, but its result is then sent on an unbuffered
// channel nobody reads (modelled on eapache/go-resiliency#23).
var errTimedOut = errors.New("timed out waiting for function to finish")

type deadline struct{ timeout time.Duration }

func (d *deadline) Run(work func(<-chan struct{}) error) error {
	result := make(chan error)
	stopper := make(chan struct{})
	go func() { // want `goroutine .deadline.Run.func1. can block forever sending on unbuffered channel .result.: .deadline.Run. can return before receiving every value \(AL151\)`
		result <- work(stopper)
	}()
	select {
	case ret := <-result:
		return ret
	case <-time.After(d.timeout):
		close(stopper)
		return errTimedOut
	}
}

// Fixed: the result channel holds the work's one result.
type deadlineFixed struct{ timeout time.Duration }

func (d *deadlineFixed) Run(work func(<-chan struct{}) error) error {
	result := make(chan error, 1)
	stopper := make(chan struct{})
	go func() {
		result <- work(stopper)
	}()
	select {
	case ret := <-result:
		return ret
	case <-time.After(d.timeout):
		close(stopper)
		return errTimedOut
	}
}

func stoppableWork(stopper <-chan struct{}) error {
	select {
	case <-stopper:
		return errTimedOut
	case <-time.After(time.Second):
		return nil
	}
}

// RunDeadline runs work that outlives the deadline.
func RunDeadline() {
	d := &deadline{timeout: time.Millisecond}
	_ = d.Run(stoppableWork)
	time.Sleep(10 * time.Millisecond)
}

// RunDeadlineFixed does the same with the fixed twin.
func RunDeadlineFixed() {
	d := &deadlineFixed{timeout: time.Millisecond}
	_ = d.Run(stoppableWork)
	time.Sleep(10 * time.Millisecond)
}
