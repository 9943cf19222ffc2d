package kernels

import (
	"sync"
	"time"
)

// A leader-cast transport whose waiters each wait on one condition
// variable for the message of their own duty; delivering a message wakes
// one waiter with Signal, and when that waiter is not the one the
// message is for it goes back to waiting, and the right one is never
// woken (modelled on ObolNetwork/charon#123, "cluster/leadercast: fix
// synchronisation bug").
type leaderCast struct {
	mu    sync.Mutex
	cond  *sync.Cond
	inbox map[string]string
}

func newLeaderCast() *leaderCast {
	l := &leaderCast{inbox: map[string]string{}}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *leaderCast) await(duty string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		if msg, ok := l.inbox[duty]; ok {
			delete(l.inbox, duty)
			return msg
		}
		l.cond.Wait() // want `.leaderCast.cond..Wait can block forever: each caller of .leaderCast.await. waits for a condition of its own, and .leaderCast.deliver. wakes one waiter with Signal, which may be another.s \(AL157\)`
	}
}

func (l *leaderCast) deliver(duty, msg string) {
	l.mu.Lock()
	l.inbox[duty] = msg
	l.mu.Unlock()
	l.cond.Signal()
}

// Fixed: every waiter is woken to look for its own message.
type leaderCastFixed struct {
	mu    sync.Mutex
	cond  *sync.Cond
	inbox map[string]string
}

func newLeaderCastFixed() *leaderCastFixed {
	l := &leaderCastFixed{inbox: map[string]string{}}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *leaderCastFixed) await(duty string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		if msg, ok := l.inbox[duty]; ok {
			delete(l.inbox, duty)
			return msg
		}
		l.cond.Wait()
	}
}

func (l *leaderCastFixed) deliver(duty, msg string) {
	l.mu.Lock()
	l.inbox[duty] = msg
	l.mu.Unlock()
	l.cond.Broadcast()
}

// RunLeaderCast has two waiters and delivers the second one's message.
func RunLeaderCast() {
	l := newLeaderCast()
	go l.await("attester")
	time.Sleep(10 * time.Millisecond)
	go l.await("proposer")
	time.Sleep(10 * time.Millisecond)
	l.deliver("proposer", "block")
	time.Sleep(20 * time.Millisecond)
	l.deliver("attester", "vote")
	time.Sleep(20 * time.Millisecond)
}

// RunLeaderCastFixed does the same with the fixed twin.
func RunLeaderCastFixed() {
	l := newLeaderCastFixed()
	go l.await("attester")
	time.Sleep(10 * time.Millisecond)
	go l.await("proposer")
	time.Sleep(10 * time.Millisecond)
	l.deliver("proposer", "block")
	time.Sleep(20 * time.Millisecond)
	l.deliver("attester", "vote")
	time.Sleep(20 * time.Millisecond)
}
