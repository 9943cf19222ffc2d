// Package locks holds AL155 cases: mutexes held forever, each with its
// fixed twin.
package locks

import (
	"errors"
	"sync"
)

var errEmpty = errors.New("empty key")

type store struct {
	mu   sync.Mutex
	meta sync.Mutex
	m    map[string]int
}

// An early return between Lock and Unlock keeps the mutex locked.
func (s *store) set(k string, v int) error {
	s.mu.Lock() // want `mutex .store.mu. stays locked when .store.set. returns early: the next Lock blocks forever \(AL155\)`
	if k == "" {
		return errEmpty
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

// Fixed: the deferred Unlock runs on every return.
func (s *store) setDeferred(k string, v int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k == "" {
		return errEmpty
	}
	s.m[k] = v
	return nil
}

// Fixed: every return unlocks first.
func (s *store) setEach(k string, v int) error {
	s.mu.Lock()
	if k == "" {
		s.mu.Unlock()
		return errEmpty
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

// Fixed: a lock helper returns holding the mutex on its final path, on
// purpose: the caller unlocks.
func (s *store) lockIfReady() bool {
	s.mu.Lock()
	if s.m == nil {
		s.mu.Unlock()
		return false
	}
	return true
}

// Fixed: a transaction takes the writer lock and hands it to the Tx it
// returns, which unlocks it when it ends (bbolt's beginRWTx); the other
// mutex's deferred Unlock does not make the final return an early one.
func (s *store) beginTx() (*tx, error) {
	s.mu.Lock()
	s.meta.Lock()
	defer s.meta.Unlock()
	if s.m == nil {
		s.mu.Unlock()
		return nil, errEmpty
	}
	return &tx{s: s}, nil
}

type tx struct{ s *store }

func (t *tx) rollback() { t.s.mu.Unlock() }

// Fixed: unlocked by a deferred closure.
func (s *store) setClosure(k string, v int) error {
	s.mu.Lock()
	defer func() { s.mu.Unlock() }()
	if k == "" {
		return errEmpty
	}
	s.m[k] = v
	return nil
}

type counter struct {
	mu  sync.RWMutex
	n   int
	log []int
}

// The read lock is taken while the goroutine holds the write lock.
func (c *counter) incr() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	c.log = append(c.log, c.get()) // want `.counter.get. locks mutex .counter.mu., which .counter.incr. already holds: the goroutine blocks forever \(AL155\)`
}

func (c *counter) get() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}

// Fixed: the locked variant reads without locking.
func (c *counter) incrFixed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	c.log = append(c.log, c.getLocked())
}

func (c *counter) getLocked() int { return c.n }

// Fixed: the helper releases and retakes the lock around slow work.
func (c *counter) incrSlowly() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	c.flush()
}

func (c *counter) flush() {
	c.mu.Unlock()
	defer c.mu.Lock()
	_ = len(c.log)
}

// A deferred Unlock inside a loop runs only at return: the second
// iteration locks again.
func sumAll(mu *sync.Mutex, xs []int) int {
	total := 0
	for _, x := range xs {
		mu.Lock() // want `mutex .mu. is locked again by the goroutine that holds it: it blocks forever \(AL155\)`
		defer mu.Unlock()
		total += x
	}
	return total
}

// Fixed: a closure per iteration releases the lock each time.
func sumAllFixed(mu *sync.Mutex, xs []int) int {
	total := 0
	for _, x := range xs {
		func() {
			mu.Lock()
			defer mu.Unlock()
			total += x
		}()
	}
	return total
}

// Fixed: two read locks by one goroutine do not block each other when
// nothing takes the write lock (a Lock queued between them would block
// both: see lockshapes).
type frozen struct {
	mu sync.RWMutex
	n  int
}

func (c *frozen) get() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}

func (c *frozen) twice() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n + c.get()
}

// Fixed: called with s.mu held, it lets go of the lock between attempts
// and returns holding it again, as its caller expects.
func (s *store) retryLocked(try func() error) error {
	for i := 0; i < 3; i++ {
		if err := try(); err == nil {
			return nil
		}
		s.mu.Unlock()
		s.mu.Lock()
	}
	return errEmpty
}

// Fixed: connect hands its lock to resetAndUnlock, which releases it
// before anything it calls locks again.
func (s *store) connect() {
	s.mu.Lock()
	if s.m == nil {
		s.mu.Unlock()
		return
	}
	s.resetAndUnlock()
}

func (s *store) resetAndUnlock() {
	s.m = map[string]int{}
	s.mu.Unlock()
	_ = s.setDeferred("reset", 1)
}

// Fixed: the last path hands the lock to a goroutine that releases it; a
// deferred call gives the function several returns at its closing brace.
func (s *store) update(m map[string]int, done func()) {
	s.mu.Lock()
	if m == nil {
		s.mu.Unlock()
		return
	}
	defer done()
	s.m = m
	go s.resetAndUnlock()
}

// Fixed: a flag makes the deferred Unlock's lock a once-only step of the
// loop.
func sumOnce(mu *sync.Mutex, xs []int) int {
	total, locked := 0, false
	for _, x := range xs {
		if !locked {
			mu.Lock()
			defer mu.Unlock()
			locked = true
		}
		total += x
	}
	return total
}

// Fixed: another goroutine unlocks between the turns; the channel
// operations hand the lock over.
func handOver(mu *sync.Mutex, locked chan<- bool, n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		locked <- true
	}
}

// Fixed: the relock inside the loop is released by the Unlock deferred
// at the top.
func (s *store) tryAll(try func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	for i := 0; i < 3; i++ {
		if err = try(); err == nil {
			return nil
		}
		s.mu.Unlock()
		s.mu.Lock()
	}
	return err
}

// Fixed: the goroutine never unlocks; its caller does, which lets the
// second Lock through.
func lockedTwiceHandedOver(mu *sync.Mutex, blocked chan<- bool) {
	mu.Lock()
	blocked <- true
	mu.Lock()
}
