package kernels

import "time"

// A cache watcher whose forwarding goroutine sends each event on the
// result channel while the watch server stops reading after its timeout
// and calls Stop (modelled on kubernetes/kubernetes#38670).
type cacheWatcher struct {
	input  chan int
	result chan int
	done   chan struct{}
}

func newCacheWatcher() *cacheWatcher {
	w := &cacheWatcher{input: make(chan int, 10), result: make(chan int), done: make(chan struct{})}
	go w.process()
	return w
}

// filter stands for the per-event work (a label selector) done before
// the event is delivered.
func filter(e int) bool {
	time.Sleep(20 * time.Millisecond)
	return e > 0
}

func (w *cacheWatcher) process() {
	for {
		select {
		case e := <-w.input:
			if filter(e) {
				w.result <- e // want `goroutine .cacheWatcher.process. can block forever sending on .cacheWatcher.result.: its receivers select on other cases and can stop receiving \(AL151\)`
			}
		case <-w.done:
			return
		}
	}
}

func (w *cacheWatcher) Stop() { close(w.done) }

func serveWatch(w *cacheWatcher, timeout time.Duration) int {
	n := 0
	defer w.Stop()
	t := time.After(timeout)
	for {
		select {
		case <-w.result:
			n++
		case <-t:
			return n
		}
	}
}

// Fixed: the forwarding send also watches done.
type cacheWatcherFixed struct {
	input  chan int
	result chan int
	done   chan struct{}
}

func newCacheWatcherFixed() *cacheWatcherFixed {
	w := &cacheWatcherFixed{input: make(chan int, 10), result: make(chan int), done: make(chan struct{})}
	go w.process()
	return w
}

func (w *cacheWatcherFixed) process() {
	for {
		select {
		case e := <-w.input:
			if !filter(e) {
				continue
			}
			select {
			case w.result <- e:
			case <-w.done:
				return
			}
		case <-w.done:
			return
		}
	}
}

func (w *cacheWatcherFixed) Stop() { close(w.done) }

func serveWatchFixed(w *cacheWatcherFixed, timeout time.Duration) int {
	n := 0
	defer w.Stop()
	t := time.After(timeout)
	for {
		select {
		case <-w.result:
			n++
		case <-t:
			return n
		}
	}
}

// RunCacheWatcher drives the bug and drops every reference to it.
func RunCacheWatcher() {
	w := newCacheWatcher()
	w.input <- 1
	serveWatch(w, time.Millisecond)
	time.Sleep(50 * time.Millisecond)
}

// RunCacheWatcherFixed drives the fixed twin down the same path.
func RunCacheWatcherFixed() {
	w := newCacheWatcherFixed()
	w.input <- 1
	serveWatchFixed(w, time.Millisecond)
	time.Sleep(50 * time.Millisecond)
}
