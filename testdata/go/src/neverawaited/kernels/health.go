package kernels

import (
	"errors"
	"time"
)

// A health checker that runs every check in a goroutine and returns the
// first error it receives: the other failing checks block on their send
// (modelled on hightouchio/passage#25).
type healthManager struct{ checks []func() error }

func (m *healthManager) CheckHealth() error {
	cerr := make(chan error)
	for _, c := range m.checks {
		go func(c func() error) { // want `goroutine .healthManager.CheckHealth.func1. can block forever sending on unbuffered channel .cerr.: .healthManager.CheckHealth. can return before receiving every value \(AL151\)`
			cerr <- c()
		}(c)
	}
	for range m.checks {
		if err := <-cerr; err != nil {
			return err
		}
	}
	return nil
}

// Fixed: a slot for every check.
func (m *healthManager) CheckHealthFixed() error {
	cerr := make(chan error, len(m.checks))
	for _, c := range m.checks {
		go func(c func() error) {
			cerr <- c()
		}(c)
	}
	for range m.checks {
		if err := <-cerr; err != nil {
			return err
		}
	}
	return nil
}

// RunHealth drives the bug and drops every reference to it.
func RunHealth() {
	fail := func() error { return errors.New("down") }
	_ = (&healthManager{checks: []func() error{fail, fail, fail}}).CheckHealth()
	time.Sleep(5 * time.Millisecond)
}

// RunHealthFixed drives the fixed twin down the same path.
func RunHealthFixed() {
	fail := func() error { return errors.New("down") }
	_ = (&healthManager{checks: []func() error{fail, fail, fail}}).CheckHealthFixed()
	time.Sleep(5 * time.Millisecond)
}
