package locks

import "sync"

// RunLeaks drives each lock bug; the goroutine that then blocks on the
// mutex holds the only reference to it.
func RunLeaks() {
	s := &store{m: map[string]int{}}
	_ = s.set("", 1)
	go func() { _ = s.set("a", 1) }()

	c := &counter{}
	go c.incr()
}

// RunDeferLoop deadlocks on its own deferred Unlock: the runtime keeps the
// deferred call, which holds the mutex, so the goroutine shows as a hang
// rather than a leak.
func RunDeferLoop() {
	var mu sync.Mutex
	sumAll(&mu, []int{1, 2})
}

// RunClean drives the fixed twins down the same paths: nothing blocks.
func RunClean() {
	s := &store{m: map[string]int{}}
	_ = s.setDeferred("", 1)
	_ = s.setEach("", 1)
	_ = s.setClosure("", 1)
	if s.lockIfReady() {
		s.mu.Unlock()
	}
	if t, err := s.beginTx(); err == nil {
		t.rollback()
	}
	_ = s.set("a", 1)
	s.mu.Lock()
	n := 0
	_ = s.retryLocked(func() error {
		if n++; n < 2 {
			return errEmpty
		}
		return nil
	})
	s.mu.Unlock()
	s.connect()
	_ = s.tryAll(func() error { return errEmpty })
	done := make(chan bool)
	s.update(map[string]int{}, func() {})
	go func() { s.mu.Lock(); s.mu.Unlock(); done <- true }()
	<-done
	c := &counter{}
	c.incrFixed()
	c.incrSlowly()
	_ = (&frozen{}).twice()
	var mu sync.Mutex
	_ = sumAllFixed(&mu, []int{1, 2})
	_ = sumOnce(&mu, []int{1, 2})
	var other sync.Mutex
	blocked := make(chan bool)
	go lockedTwiceHandedOver(&other, blocked)
	<-blocked
	other.Unlock()
	locked := make(chan bool)
	go handOver(&mu, locked, 2)
	for i := 0; i < 2; i++ {
		<-locked
		mu.Unlock()
	}
}
