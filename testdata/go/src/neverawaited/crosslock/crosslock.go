// Package crosslock holds AL155 cases where the second Lock happens in
// another package, known from its facts, each with its fixed twin.
package crosslock

import (
	"sync"

	"neverawaited/crosslock/kv"
)

// The caller holds the store through its Lock helper, then Get locks
// it again.
func incr(s *kv.Store, k string) {
	s.Lock()
	defer s.Unlock()
	v := s.Get(k) // want `.kv.Store.Get. locks the mutex that .kv.Store.Lock. takes, which .incr. already holds: the goroutine blocks forever \(AL155\)`
	s.SetLocked(k, v+1)
}

// Fixed: the locked variant reads without locking.
func incrFixed(s *kv.Store, k string) {
	s.Lock()
	defer s.Unlock()
	v := s.GetLocked(k)
	s.SetLocked(k, v+1)
}

type counter struct {
	mu sync.Mutex
	n  int
}

// WithLock takes the mutex the caller already holds.
func (c *counter) add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	kv.WithLock(&c.mu, func() { c.n += d }) // want `.kv.WithLock. locks mutex .counter.mu., which .counter.add. already holds: the goroutine blocks forever \(AL155\)`
}

// Fixed: WithLock is the only one to lock.
func (c *counter) addFixed(d int) {
	kv.WithLock(&c.mu, func() { c.n += d })
}
