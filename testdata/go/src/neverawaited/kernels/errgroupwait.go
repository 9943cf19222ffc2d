package kernels

import (
	"errors"
	"sync"
	"time"
)

var errFailed = errors.New("task failed")

// An error group that guards its wait group and its error with one
// mutex: Wait holds the mutex while it waits, and a task that fails needs
// that mutex to record its error before it calls Done, so neither ever
// finishes (modelled on neilotoole/errgroup#6, "Deadlock when calling
// Wait and Go from different goroutines": Wait holds the group's mutex
// that the running goroutines need).
type lockedGroup struct {
	mu  sync.Mutex
	wg  sync.WaitGroup
	err error
}

func (g *lockedGroup) Go(f func() error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock() // want `locking mutex .lockedGroup.mu. can block forever: .lockedGroup.Wait. holds it while it waits for .lockedGroup.Go.func1. \(AL155\)`
			g.err = err
			g.mu.Unlock()
		}
	}()
}

func (g *lockedGroup) Wait() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Wait() // want `.lockedGroup.Wait. can block forever in .lockedGroup.wg..Wait while holding mutex .lockedGroup.mu.: its partner .lockedGroup.Go.func1. can lock it first \(AL156\)`
	return g.err
}

// Fixed: Wait waits without the mutex and takes it only to read err.
type lockedGroupFixed struct {
	mu  sync.Mutex
	wg  sync.WaitGroup
	err error
}

func (g *lockedGroupFixed) Go(f func() error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			g.err = err
			g.mu.Unlock()
		}
	}()
}

func (g *lockedGroupFixed) Wait() error {
	g.wg.Wait()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// RunLockedGroup waits while a running task starts another one.
func RunLockedGroup() {
	g := &lockedGroup{}
	g.Go(func() error {
		time.Sleep(20 * time.Millisecond) // Wait holds the mutex by now
		return errFailed
	})
	go g.Wait()
	time.Sleep(50 * time.Millisecond)
}

// RunLockedGroupFixed does the same with the fixed twin.
func RunLockedGroupFixed() {
	g := &lockedGroupFixed{}
	g.Go(func() error {
		time.Sleep(20 * time.Millisecond) // Wait holds the mutex by now
		return errFailed
	})
	go g.Wait()
	time.Sleep(50 * time.Millisecond)
}
