// Package lockshapes holds mutex shapes as real projects write them
// (a lock retaken through a chain of calls, a read lock upgraded, a loop
// that skips its Unlock, a lock held across a channel handoff whose
// partner needs the same lock, two locks taken in opposite orders), each
// with its fixed twin.
package lockshapes

import (
	"sync"
	"sync/atomic"
	"time"
)

var delay = time.Millisecond

// Retaken two calls down: Update holds mu, notify calls count, which
// read-locks it.
type registry struct {
	mu    sync.RWMutex
	items map[string]int
	hooks []func(int)
}

func (r *registry) Update(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items[k] = v
	r.notify() // want `.registry.notify. locks mutex .registry.mu., which .registry.Update. already holds.* \(AL155\)`
}

func (r *registry) notify() {
	n := r.count()
	for _, h := range r.hooks {
		h(n)
	}
}

func (r *registry) count() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.items)
}

// Fixed: notify runs after the lock is released.
func (r *registry) UpdateThenNotify(k string, v int) {
	r.mu.Lock()
	r.items[k] = v
	r.mu.Unlock()
	r.notify()
}

// A read lock upgraded in place: Lock waits for the goroutine's own
// read lock.
type cache struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *cache) GetOrFill(k string) int {
	c.mu.RLock()
	v, ok := c.m[k]
	if !ok {
		c.mu.Lock() // want `mutex .cache.mu. is locked again by the goroutine that holds it.* \(AL155\)`
		v = len(k)
		c.m[k] = v
		c.mu.Unlock()
	}
	c.mu.RUnlock()
	return v
}

// Fixed: the read lock is released before the write lock is taken.
func (c *cache) GetOrFillFixed(k string) int {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[k]; ok {
		return v
	}
	v = len(k)
	c.m[k] = v
	return v
}

// A loop whose continue skips the Unlock: the next turn locks again.
type set struct {
	mu sync.Mutex
	m  map[string]bool
}

func (s *set) AddAll(keys []string) int {
	added := 0
	for _, k := range keys {
		s.mu.Lock() // want `mutex .set.mu. is locked again by the goroutine that holds it.* \(AL155\)`
		if s.m[k] {
			continue
		}
		s.m[k] = true
		added++
		s.mu.Unlock()
	}
	return added
}

// Fixed: the continue path unlocks too.
func (s *set) AddAllFixed(keys []string) int {
	added := 0
	for _, k := range keys {
		s.mu.Lock()
		if s.m[k] {
			s.mu.Unlock()
			continue
		}
		s.m[k] = true
		added++
		s.mu.Unlock()
	}
	return added
}

// A lock held across a channel send whose receiver takes the same lock
// first: each waits for the other.
type queue struct {
	mu    sync.Mutex
	items []int
	ready chan int
}

func newQueue() *queue {
	q := &queue{ready: make(chan int)}
	go q.publish(1)
	return q
}

func (q *queue) publish(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, v)
	q.ready <- v // want `.queue.publish. can block forever sending on .queue.ready. while holding mutex .queue.mu.: its partner .queue.Next. must lock it first.* \(AL151\)`
}

func (q *queue) Next() int {
	q.mu.Lock() // want `locking mutex .queue.mu. can block forever: .queue.publish. holds it while it waits for .queue.Next..* \(AL155\)`
	defer q.mu.Unlock()
	v := <-q.ready
	q.items = q.items[1:]
	return v
}

// Fixed: publish sends after releasing the lock.
type unlockedQueue struct {
	mu    sync.Mutex
	items []int
	ready chan int
}

func newUnlockedQueue() *unlockedQueue {
	q := &unlockedQueue{ready: make(chan int)}
	go q.publish(1)
	return q
}

func (q *unlockedQueue) publish(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.ready <- v
}

func (q *unlockedQueue) Next() int {
	v := <-q.ready
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = q.items[1:]
	return v
}

// Two locks taken in opposite orders by two goroutines.
type account struct {
	mu      sync.Mutex
	balance int
}

type bank struct {
	ledgerMu sync.Mutex
	ledger   []int
	acct     account
}

func (b *bank) Deposit(n int) {
	b.acct.mu.Lock()
	defer b.acct.mu.Unlock()
	time.Sleep(delay)
	b.ledgerMu.Lock() // want `.bank.Deposit. locks mutex .bank.ledgerMu. while holding .account.mu., and .bank.Audit. takes them in the opposite order.* \(AL155\)`
	b.ledger = append(b.ledger, n)
	b.ledgerMu.Unlock()
	b.acct.balance += n
}

func (b *bank) Audit() int {
	b.ledgerMu.Lock()
	defer b.ledgerMu.Unlock()
	time.Sleep(delay)
	b.acct.mu.Lock() // want `.bank.Audit. locks mutex .account.mu. while holding .bank.ledgerMu., and .bank.Deposit. takes them in the opposite order.* \(AL155\)`
	defer b.acct.mu.Unlock()
	return b.acct.balance - len(b.ledger)
}

// Fixed: both take the ledger lock first.
type orderedBank struct {
	ledgerMu sync.Mutex
	ledger   []int
	acct     account
}

func (b *orderedBank) Deposit(n int) {
	b.ledgerMu.Lock()
	defer b.ledgerMu.Unlock()
	time.Sleep(delay)
	b.acct.mu.Lock()
	b.acct.balance += n
	b.acct.mu.Unlock()
	b.ledger = append(b.ledger, n)
}

func (b *orderedBank) Audit() int {
	b.ledgerMu.Lock()
	defer b.ledgerMu.Unlock()
	time.Sleep(delay)
	b.acct.mu.Lock()
	defer b.acct.mu.Unlock()
	return b.acct.balance - len(b.ledger)
}

// An early return in a switch keeps the lock.
type conn struct {
	mu    sync.Mutex
	state int
}

func (c *conn) transition(to int) bool {
	c.mu.Lock() // want `mutex .conn.mu. stays locked when .conn.transition. returns early.* \(AL155\)`
	switch {
	case to < 0:
		return false
	case to == c.state:
		c.mu.Unlock()
		return true
	}
	c.state = to
	c.mu.Unlock()
	return true
}

// Fixed: deferred.
func (c *conn) transitionFixed(to int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case to < 0:
		return false
	case to == c.state:
		return true
	}
	c.state = to
	return true
}

// A read lock taken again while a writer queues: the writer waits for
// the first read lock, the second waits for the writer.
type stats struct {
	mu    sync.RWMutex
	count int
	sum   int
}

func (s *stats) Mean() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	time.Sleep(50 * delay)
	return s.sum / max(s.Count(), 1) // want `.stats.Count. read-locks mutex .stats.mu. again while .stats.Mean. holds a read lock: a Lock waiting in between \(.stats.Add.\) blocks both forever \(AL155\)`
}

func (s *stats) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.count
}

func (s *stats) Add(v int) {
	s.mu.Lock() // want `this Lock of mutex .stats.mu. can block forever: it waits for the read lock .stats.Mean. holds, while .stats.Mean. read-locks it again behind this Lock \(AL155\)`
	s.count++
	s.sum += v
	s.mu.Unlock()
}

// Fixed: Mean reads the count under the read lock it holds.
type lockedStats struct {
	mu    sync.RWMutex
	count int
	sum   int
}

func (s *lockedStats) Mean() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	time.Sleep(5 * delay)
	return s.sum / max(s.count, 1)
}

func (s *lockedStats) Add(v int) {
	s.mu.Lock()
	s.count++
	s.sum += v
	s.mu.Unlock()
}

// Fixed: a helper that takes the lock only when its caller does not hold
// it (hasLock), called by a caller that holds it.
type perms struct {
	mu      sync.Mutex
	allowed map[string]bool
}

func (p *perms) Publish(subject string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.check(subject, true)
}

func (p *perms) check(subject string, hasLock bool) bool {
	if !hasLock {
		p.mu.Lock()
		defer p.mu.Unlock()
	}
	return p.allowed[subject]
}

// Fixed: the read lock is taken and released under one flag, and so is
// the later write lock: no path the flag allows holds both.
func (c *cache) Match(k string, doLock bool) int {
	if doLock {
		c.mu.RLock()
	}
	v, ok := c.m[k]
	if doLock {
		c.mu.RUnlock()
	}
	if ok {
		return v
	}
	if doLock {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.m[k] = len(k)
	return len(k)
}

// Fixed: each turn locks another node's queue, loaded anew, and the
// deferred Unlocks release them all at return.
type inbox struct {
	sync.Mutex
	msgs []int
}

type node struct{ q *inbox }

func lockAll(nodes []*node) int {
	n := 0
	for _, nd := range nodes {
		q := nd.q
		q.Lock()
		defer q.Unlock()
		n += len(q.msgs)
	}
	return n
}

// Stop bails out when already stopped, and otherwise takes the lock its
// caller holds.
type subscription struct {
	mu     sync.Mutex
	closed atomic.Bool
	done   chan struct{}
}

func (s *subscription) handle(terminate bool) {
	s.mu.Lock()
	if terminate {
		s.Stop() // want `.subscription.Stop. locks mutex .subscription.mu., which .subscription.handle. already holds: the goroutine blocks forever \(AL155\)`
	}
	s.mu.Unlock()
}

func (s *subscription) Stop() {
	if !s.closed.CompareAndSwap(false, true) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.done)
}

// Fixed: the handler stops under the lock it holds.
func (s *subscription) handleFixed(terminate bool) {
	s.mu.Lock()
	if terminate {
		s.stopLocked()
	}
	s.mu.Unlock()
}

func (s *subscription) stopLocked() {
	if s.closed.CompareAndSwap(false, true) {
		close(s.done)
	}
}

// Fixed: a branch on a constant false never runs, whatever it returns.
func (c *conn) touch() {
	c.mu.Lock()
	if false {
		return
	}
	c.mu.Unlock()
}

// Fixed: a helper its callers run under the read lock upgrades it
// itself, dropping the read lock before it takes the write lock and
// taking it back for the caller (crypto/tls's session ticket keys).
type keyring struct {
	mu   sync.RWMutex
	keys []string
}

func (k *keyring) Current() string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	k.ensureRLocked()
	return k.keys[0]
}

func (k *keyring) ensureRLocked() {
	if len(k.keys) > 0 {
		return
	}
	k.mu.RUnlock()
	defer k.mu.RLock()
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.keys) == 0 {
		k.keys = append(k.keys, "fresh")
	}
}

// Fixed: two values of one type locked in turn are two mutexes, not one
// locked twice, whether written (transfer) or read while a writer exists
// (compare).
type ledger struct {
	mu      sync.RWMutex
	balance int
}

func transfer(from, to *ledger, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= n
	to.balance += n
}

func compare(a, b *ledger) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	b.mu.RLock()
	defer b.mu.RUnlock()
	return a.balance < b.balance
}

// Fixed: handle takes the lock itself only to renegotiate, a branch of
// its own that its locked caller's sessions never take (crypto/tls's
// handlePostHandshakeMessage, whose renegotiation QUIC, always TLS 1.3,
// never reaches); the other branch does the work under the caller's lock.
type session struct {
	mu      sync.Mutex
	legacy  bool
	pending []string
}

func (s *session) drain() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.pending) > 0 {
		_ = s.handle()
	}
}

func (s *session) handle() error {
	if s.legacy {
		return s.renegotiate()
	}
	s.pending = s.pending[1:]
	return s.record()
}

func (s *session) renegotiate() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = nil
	return nil
}

func (s *session) record() error { return nil }

// Fixed: the lock is released through a once-guarded closure a helper
// returns, called before serving (miekg/dns's Server.ListenAndServe):
// serve's read lock finds it free.
type dnsServer struct {
	lock    sync.RWMutex
	started bool
	served  int
}

func unlockOnce(l sync.Locker) func() {
	var once sync.Once
	return func() { once.Do(l.Unlock) }
}

func (s *dnsServer) isStarted() bool {
	s.lock.RLock()
	started := s.started
	s.lock.RUnlock()
	return started
}

func (s *dnsServer) serve() {
	for s.isStarted() && s.served < 3 {
		s.lock.Lock()
		s.served++
		s.lock.Unlock()
	}
}

func (s *dnsServer) ListenAndServe() {
	unlock := unlockOnce(&s.lock)
	s.lock.Lock()
	defer unlock()
	if s.started {
		return
	}
	s.started = true
	unlock()
	s.serve()
}
