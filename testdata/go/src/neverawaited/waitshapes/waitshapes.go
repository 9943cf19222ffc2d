// Package waitshapes holds wait group and condition variable shapes as
// real projects write them, each with its fixed twin.
package waitshapes

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

var (
	delay   = time.Millisecond
	errFail = errors.New("fail")
)

func work(i int) error {
	if i < 0 {
		return errFail
	}
	return nil
}

// Add counts every item, but a worker returns on its error path
// without Done.
func processAll(items []int) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, it := range items {
		go func() {
			if err := work(it); err != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait() // want `.wg.\.Wait can block forever: goroutine .processAll.func1. can return without calling .wg.\.Done.* \(AL156\)`
}

// Fixed: Done is deferred first.
func processAllFixed(items []int) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, it := range items {
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// The workers send their results on an unbuffered channel that is read
// only after Wait: Wait waits for workers that wait for the reader.
func collect(n int) []int {
	var wg sync.WaitGroup
	results := make(chan int)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i // want `goroutine .collect.func1. blocks forever sending on .results.: .collect. receives from it only after .wg.\.Wait.* \(AL151\)`
		}()
	}
	wg.Wait() // want `.wg.\.Wait blocks forever: goroutine .collect.func1. blocks sending on .results. before its Done.* \(AL156\)`
	close(results)
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// Fixed: the closer waits in its own goroutine while the caller reads.
func collectFixed(n int) []int {
	var wg sync.WaitGroup
	results := make(chan int)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// A worker that calls Close on failure: Close waits for every worker,
// itself included.
type pool struct {
	wg   sync.WaitGroup
	quit chan struct{}
	once sync.Once
}

func newPool(n int, fail bool) *pool {
	p := &pool{quit: make(chan struct{})}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.worker(fail)
	}
	return p
}

func (p *pool) worker(fail bool) {
	defer p.wg.Done()
	if fail {
		p.Close() // want `goroutine .pool.worker. calls .pool.Close., which waits on .pool.wg. for the goroutines it counts, this one included.* \(AL156\)`
		return
	}
	<-p.quit
}

func (p *pool) Close() {
	p.once.Do(func() { close(p.quit) })
	p.wg.Wait()
}

// Fixed: a failing worker only signals; the owner waits.
type signallingPool struct {
	wg   sync.WaitGroup
	quit chan struct{}
	once sync.Once
}

func newSignallingPool(n int, fail bool) *signallingPool {
	p := &signallingPool{quit: make(chan struct{})}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.worker(fail)
	}
	return p
}

func (p *signallingPool) worker(fail bool) {
	defer p.wg.Done()
	if fail {
		p.stop()
		return
	}
	<-p.quit
}

func (p *signallingPool) stop() { p.once.Do(func() { close(p.quit) }) }

func (p *signallingPool) Close() {
	p.stop()
	p.wg.Wait()
}

// Wait under a lock the workers need before they can call Done.
type tracker struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	seen int
}

func (t *tracker) Run(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := 0; i < n; i++ {
		t.wg.Add(1)
		go t.record()
	}
	t.wg.Wait() // want `.tracker.Run. can block forever in .tracker.wg.\.Wait while holding mutex .tracker.mu..* \(AL156\)`
}

func (t *tracker) record() {
	defer t.wg.Done()
	t.mu.Lock() // want `locking mutex .tracker.mu. can block forever: .tracker.Run. holds it while it waits for .tracker.record..* \(AL155\)`
	t.seen++
	t.mu.Unlock()
}

// Fixed: the lock is released before waiting.
type unlockedTracker struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	seen int
}

func (t *unlockedTracker) Run(n int) {
	t.mu.Lock()
	for i := 0; i < n; i++ {
		t.wg.Add(1)
		go t.record()
	}
	t.mu.Unlock()
	t.wg.Wait()
}

func (t *unlockedTracker) record() {
	defer t.wg.Done()
	t.mu.Lock()
	t.seen++
	t.mu.Unlock()
}

// A queue whose Push forgets to signal: Pop waits forever.
type jobs struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newJobs() *jobs {
	j := &jobs{}
	j.cond = sync.NewCond(&j.mu)
	return j
}

func (j *jobs) Push(v int) {
	j.mu.Lock()
	j.items = append(j.items, v)
	j.mu.Unlock()
}

func (j *jobs) Pop() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	for len(j.items) == 0 {
		j.cond.Wait() // want `.jobs.cond.\.Wait blocks forever: nothing in the package calls Signal or Broadcast on it.* \(AL157\)`
	}
	v := j.items[0]
	j.items = j.items[1:]
	return v
}

// Fixed: Push signals.
type signalledJobs struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newSignalledJobs() *signalledJobs {
	j := &signalledJobs{}
	j.cond = sync.NewCond(&j.mu)
	return j
}

func (j *signalledJobs) Push(v int) {
	j.mu.Lock()
	j.items = append(j.items, v)
	j.mu.Unlock()
	j.cond.Signal()
}

func (j *signalledJobs) Pop() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	for len(j.items) == 0 {
		j.cond.Wait()
	}
	v := j.items[0]
	j.items = j.items[1:]
	return v
}

// The same with an errgroup: Wait before the results are read.
func fetchAll(urls []string) ([]int, error) {
	var g errgroup.Group
	sizes := make(chan int)
	for _, u := range urls {
		g.Go(func() error {
			sizes <- len(u) // want `goroutine .fetchAll.func1. blocks forever sending on .sizes.: .fetchAll. receives from it only after .g.\.Wait.* \(AL151\)`
			return nil
		})
	}
	if err := g.Wait(); err != nil { // want `.g.\.Wait blocks forever: goroutine .fetchAll.func1. blocks sending on .sizes. before its Done.* \(AL156\)`
		return nil, err
	}
	close(sizes)
	var out []int
	for n := range sizes {
		out = append(out, n)
	}
	return out, nil
}

// Fixed: one buffer slot per result.
func fetchAllBuffered(urls []string) ([]int, error) {
	var g errgroup.Group
	sizes := make(chan int, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			sizes <- len(u)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	close(sizes)
	var out []int
	for n := range sizes {
		out = append(out, n)
	}
	return out, nil
}

// Workers range over jobs, which the dispatcher never closes: Wait
// waits for workers that wait for more jobs.
func dispatch(jobsList []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { // want `goroutine .dispatch.func1. can block forever ranging over .jobs.: .dispatch. can return without closing it \(AL152\)`
			defer wg.Done()
			for j := range jobs {
				_ = work(j)
			}
		}()
	}
	for _, j := range jobsList {
		jobs <- j
	}
	wg.Wait() // want `.wg.\.Wait blocks forever: goroutine .dispatch.func1. ranges over .jobs., which .dispatch. does not close before waiting \(AL156\)`
}

// Fixed: jobs is closed once dispatched.
func dispatchClosed(jobsList []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				_ = work(j)
			}
		}()
	}
	for _, j := range jobsList {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
}

// A Wait that is not in a loop re-checking its condition misses a
// Signal sent before it: the waiter blocks forever.
type latch struct {
	mu   sync.Mutex
	cond *sync.Cond
	done bool
}

func newLatch() *latch {
	l := &latch{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *latch) Open() {
	l.mu.Lock()
	l.done = true
	l.cond.Signal()
	l.mu.Unlock()
}

func (l *latch) Await() {
	l.mu.Lock()
	l.cond.Wait() // want `.latch.cond.\.Wait is not in a loop that tests its condition: a Signal sent before it is lost, and the waiter blocks forever \(AL157\)`
	l.mu.Unlock()
}

// Fixed: the waiter re-checks the condition in a loop.
type loopLatch struct {
	mu   sync.Mutex
	cond *sync.Cond
	done bool
}

func newLoopLatch() *loopLatch {
	l := &loopLatch{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *loopLatch) Open() {
	l.mu.Lock()
	l.done = true
	l.cond.Signal()
	l.mu.Unlock()
}

func (l *loopLatch) Await() {
	l.mu.Lock()
	for !l.done {
		l.cond.Wait()
	}
	l.mu.Unlock()
}

// Fixed, too: the waiter tests the condition once under the lock before
// it waits, and the opener changes it under the same lock, so its Signal
// cannot fall between the test and the Wait (a queue's Wait that returns
// at once when items are there, or when it is closed).
type checkedLatch struct {
	mu     sync.Mutex
	cond   *sync.Cond
	done   bool
	closed bool
}

func newCheckedLatch() *checkedLatch {
	l := &checkedLatch{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *checkedLatch) Open() {
	l.mu.Lock()
	l.done = true
	l.cond.Signal()
	l.mu.Unlock()
}

func (l *checkedLatch) Await() bool {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return false
	}
	if !l.done {
		l.cond.Wait()
	}
	l.mu.Unlock()
	return true
}

// Fixed: a start barrier. Each worker gives its count back with Done
// before it waits for the others, on the error path too (os/exec's
// TestConcurrentExec): the Wait counts only the workers still starting.
func startTogether(n int, prepare func(int) error) int {
	var ready, finished sync.WaitGroup
	ready.Add(n)
	finished.Add(n)
	var started atomic.Int32
	for i := 0; i < n; i++ {
		go func() {
			defer finished.Done()
			if err := prepare(i); err != nil {
				ready.Done()
				return
			}
			ready.Done()
			ready.Wait()
			started.Add(1)
		}()
	}
	finished.Wait()
	return int(started.Load())
}

// A task that counts itself only on a group it is handed: every goroutine
// started with one the starter made takes the Done branch.
func runTask(wg *sync.WaitGroup, i int, out []int) {
	out[i] = i * i
	if wg != nil {
		wg.Done()
	}
}

func squares(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go runTask(&wg, i, out)
	}
	wg.Wait()
	runTask(nil, 0, out)
	return out
}

// The same test on a parameter the starter passes on unknown: a nil
// sink skips Done, and Wait blocks forever.
type sink struct{ got []int }

func deliver(wg *sync.WaitGroup, s *sink, v int) {
	if s == nil {
		return
	}
	s.got = append(s.got, v)
	wg.Done()
}

func deliverTo(s *sink) {
	var wg sync.WaitGroup
	wg.Add(1)
	go deliver(&wg, s, 1)
	wg.Wait() // want `.wg.\.Wait can block forever: goroutine .deliver. can return without calling .wg.\.Done.* \(AL156\)`
}

// A poller that ranges over a ticker and counts itself done when its
// context ends: the ticker's channel is never closed, so the loop has no
// other way out.
func pollTicking(stop <-chan struct{}, poll func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range time.NewTicker(delay).C {
			select {
			case <-stop:
				wg.Done()
				return
			default:
			}
			poll()
		}
	}()
	wg.Wait()
}

// The same loop over a channel its sender closes: the range ends there,
// without Done, and Wait blocks forever.
func pollEvents(events <-chan int, stop <-chan struct{}, poll func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range events {
			select {
			case <-stop:
				wg.Done()
				return
			default:
			}
			poll()
		}
	}()
	wg.Wait() // want `.wg.\.Wait can block forever: goroutine .pollEvents.func1. can return without calling .wg.\.Done.* \(AL156\)`
}
