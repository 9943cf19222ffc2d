package kernels

import (
	"errors"
	"time"
)

// A Raft node whose Apply hands a future (carrying its own reply
// channel) to the main loop and waits on the reply; the loop queues the
// future until the entry commits and, on shutdown, returns without
// answering the queued futures, so Apply waits forever (modelled on
// hashicorp/raft#498, "Apply future deadlocks if quorum cannot be
// reached").
type applyFuture struct {
	cmd   string
	errCh chan error
}

type raftNode struct {
	applyCh    chan *applyFuture
	commitCh   chan struct{}
	shutdownCh chan struct{}
	pending    []*applyFuture
}

func newRaftNode() *raftNode {
	r := &raftNode{applyCh: make(chan *applyFuture), commitCh: make(chan struct{}), shutdownCh: make(chan struct{})}
	go r.run()
	return r
}

func (r *raftNode) run() {
	for {
		select {
		case f := <-r.applyCh:
			r.pending = append(r.pending, f)
		case <-r.commitCh: // a quorum acknowledged the entries
			for _, f := range r.pending {
				f.errCh <- nil
			}
			r.pending = nil
		case <-r.shutdownCh:
			return
		}
	}
}

func (r *raftNode) Apply(cmd string) error {
	f := &applyFuture{cmd: cmd, errCh: make(chan error, 1)}
	select {
	case r.applyCh <- f:
	case <-r.shutdownCh:
		return errors.New("raft is shut down")
	}
	return <-f.errCh // want `.raftNode.Apply. can block forever receiving from .applyFuture.errCh.: goroutine .raftNode.run., which takes its request, can return without answering it \(AL152\)`
}

func (r *raftNode) Shutdown() { close(r.shutdownCh) }

// Fixed: the loop answers every queued future when it shuts down.
type raftNodeFixed struct {
	applyCh    chan *applyFuture
	commitCh   chan struct{}
	shutdownCh chan struct{}
	pending    []*applyFuture
}

func newRaftNodeFixed() *raftNodeFixed {
	r := &raftNodeFixed{applyCh: make(chan *applyFuture), commitCh: make(chan struct{}), shutdownCh: make(chan struct{})}
	go r.run()
	return r
}

func (r *raftNodeFixed) run() {
	for {
		select {
		case f := <-r.applyCh:
			r.pending = append(r.pending, f)
		case <-r.commitCh:
			for _, f := range r.pending {
				f.errCh <- nil
			}
			r.pending = nil
		case <-r.shutdownCh:
			for _, f := range r.pending {
				f.errCh <- errors.New("raft is shut down")
			}
			return
		}
	}
}

func (r *raftNodeFixed) Apply(cmd string) error {
	f := &applyFuture{cmd: cmd, errCh: make(chan error, 1)}
	select {
	case r.applyCh <- f:
	case <-r.shutdownCh:
		return errors.New("raft is shut down")
	}
	return <-f.errCh
}

func (r *raftNodeFixed) Shutdown() { close(r.shutdownCh) }

// RunApplyFuture applies a command on a node that then shuts down.
func RunApplyFuture() {
	r := newRaftNode()
	go r.Apply("set x")
	time.Sleep(20 * time.Millisecond) // Apply's request is queued by now
	r.Shutdown()
	time.Sleep(20 * time.Millisecond)
}

// RunApplyFutureFixed does the same with the fixed twin.
func RunApplyFutureFixed() {
	r := newRaftNodeFixed()
	go r.Apply("set x")
	time.Sleep(20 * time.Millisecond) // Apply's request is queued by now
	r.Shutdown()
	time.Sleep(20 * time.Millisecond)
}
