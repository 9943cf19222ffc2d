package kernels

// A watcher whose run loop delivers data on dataCh until Stop closes
// stopCh; Wait receives from dataCh without watching stopCh, so a Wait
// after Stop blocks forever (modelled on hashicorp/hcat#8).
type viewWatcher struct {
	dataCh chan int
	stopCh chan struct{}
	views  chan int
}

func newViewWatcher() *viewWatcher {
	w := &viewWatcher{dataCh: make(chan int), stopCh: make(chan struct{}), views: make(chan int)}
	go w.run()
	return w
}

func (w *viewWatcher) run() {
	for {
		select {
		case v := <-w.views:
			select {
			case w.dataCh <- v:
			case <-w.stopCh:
				return
			}
		case <-w.stopCh:
			return
		}
	}
}

func (w *viewWatcher) Stop() { close(w.stopCh) }

func (w *viewWatcher) Wait() int {
	return <-w.dataCh // want `.viewWatcher.Wait. can block forever receiving from .viewWatcher.dataCh.: its sender, goroutine .viewWatcher.run., can stop sending, and nothing closes it \(AL152\)`
}

// Fixed: Wait gives up when the watcher stops.
type viewWatcherFixed struct {
	dataCh chan int
	stopCh chan struct{}
	views  chan int
}

func newViewWatcherFixed() *viewWatcherFixed {
	w := &viewWatcherFixed{dataCh: make(chan int), stopCh: make(chan struct{}), views: make(chan int)}
	go w.run()
	return w
}

func (w *viewWatcherFixed) run() {
	for {
		select {
		case v := <-w.views:
			select {
			case w.dataCh <- v:
			case <-w.stopCh:
				return
			}
		case <-w.stopCh:
			return
		}
	}
}

func (w *viewWatcherFixed) Stop() { close(w.stopCh) }

func (w *viewWatcherFixed) Wait() int {
	select {
	case v := <-w.dataCh:
		return v
	case <-w.stopCh:
		return 0
	}
}

// RunViewWatcher drives the bug and drops every reference to it.
func RunViewWatcher() {
	w := newViewWatcher()
	w.Stop()
	go w.Wait()
}

// RunViewWatcherFixed drives the fixed twin down the same path.
func RunViewWatcherFixed() {
	w := newViewWatcherFixed()
	w.Stop()
	w.Wait()
}
