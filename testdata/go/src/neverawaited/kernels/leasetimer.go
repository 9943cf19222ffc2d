package kernels

import "time"

// A lease whose expiry goroutine waits on its timer's channel; Revoke
// stops the timer, but Timer.Stop does not close C, so the goroutine
// waits forever (modelled on sapcc/kubernikus#333, "stopping the timer
// will cause the goroutine to hang forever because the timer's channel
// will never receive").
type lease struct {
	timer   *time.Timer
	expired bool
}

func grantLease(ttl time.Duration) *lease {
	l := &lease{timer: time.NewTimer(ttl)}
	go l.expireLoop()
	return l
}

func (l *lease) expireLoop() {
	<-l.timer.C // want `goroutine .lease.expireLoop. waits on .time.Timer.C. for a tick that may never come: after .lease.Revoke. stops it, the goroutine blocks forever \(AL152\)`
	l.expired = true
}

func (l *lease) Revoke() { l.timer.Stop() }

// Fixed: Revoke also closes a channel the goroutine watches.
type leaseFixed struct {
	timer   *time.Timer
	revoked chan struct{}
	expired bool
}

func grantLeaseFixed(ttl time.Duration) *leaseFixed {
	l := &leaseFixed{timer: time.NewTimer(ttl), revoked: make(chan struct{})}
	go l.expireLoop()
	return l
}

func (l *leaseFixed) expireLoop() {
	select {
	case <-l.timer.C:
		l.expired = true
	case <-l.revoked:
	}
}

func (l *leaseFixed) Revoke() {
	l.timer.Stop()
	close(l.revoked)
}

// RunLeaseTimer grants a lease and revokes it before it expires.
func RunLeaseTimer() {
	grantLease(time.Hour).Revoke()
	time.Sleep(5 * time.Millisecond)
}

// RunLeaseTimerFixed does the same with the fixed twin.
func RunLeaseTimerFixed() {
	grantLeaseFixed(time.Hour).Revoke()
	time.Sleep(5 * time.Millisecond)
}
