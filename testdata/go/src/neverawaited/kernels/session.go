package kernels

import (
	"errors"
	"time"
)

// A shell session whose WaitTimeout races a helper's result channel
// against a timer (modelled on codeskyblue/go-sh#26): the helper's
// goroutine sends on an unbuffered channel nobody reads after the
// timeout.
var errExecTimeout = errors.New("exec timeout")

func goResult(f func() error) chan error {
	ch := make(chan error)
	go func() {
		ch <- f() // want `the goroutine .goResult. starts can block forever sending on the channel it returns: .session.WaitTimeout. can return before receiving every value \(AL151\)`
	}()
	return ch
}

type session struct{ wait func() error }

func (s *session) WaitTimeout(timeout time.Duration) error {
	select {
	case <-time.After(timeout):
		return errExecTimeout
	case err := <-goResult(s.wait):
		return err
	}
}

// Fixed: the helper's channel holds the one result.
func goResultFixed(f func() error) chan error {
	ch := make(chan error, 1)
	go func() {
		ch <- f()
	}()
	return ch
}

func (s *session) WaitTimeoutFixed(timeout time.Duration) error {
	select {
	case <-time.After(timeout):
		return errExecTimeout
	case err := <-goResultFixed(s.wait):
		return err
	}
}

// RunSession drives the bug and drops every reference to it.
func RunSession() {
	s := &session{wait: func() error { time.Sleep(20 * time.Millisecond); return nil }}
	_ = s.WaitTimeout(time.Millisecond)
	time.Sleep(50 * time.Millisecond)
}

// RunSessionFixed drives the fixed twin down the same path.
func RunSessionFixed() {
	s := &session{wait: func() error { time.Sleep(20 * time.Millisecond); return nil }}
	_ = s.WaitTimeoutFixed(time.Millisecond)
	time.Sleep(50 * time.Millisecond)
}
