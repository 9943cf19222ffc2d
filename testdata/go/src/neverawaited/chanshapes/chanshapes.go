// Package chanshapes holds channel leak shapes as real projects write
// them (struct fields used from methods, stop protocols, requests sent
// by value, pipelines between goroutines), each with its fixed twin.
package chanshapes

import (
	"errors"
	"time"
)

var (
	delay = time.Millisecond
	// workTime is how long a server takes to answer: long enough that
	// a client's zero timeout has always fired first.
	workTime = 50 * time.Millisecond
	errNeg   = errors.New("negative")
	errGet   = errors.New("get failed")
)

// A request/response server: Do gives up after its timeout, and the
// loop's next response send has no receiver.
type server struct {
	reqc  chan int
	respc chan int
	stopc chan struct{}
}

func newServer() *server {
	s := &server{reqc: make(chan int), respc: make(chan int), stopc: make(chan struct{})}
	go s.loop()
	return s
}

func (s *server) loop() {
	for {
		select {
		case <-s.stopc:
			return
		case r := <-s.reqc:
			time.Sleep(workTime)
			s.respc <- r * 2 // want `goroutine .server.loop. can block forever sending on .server.respc.: its receivers select on other cases and can stop receiving.* \(AL151\)`
		}
	}
}

func (s *server) Do(r int, timeout time.Duration) (int, bool) {
	s.reqc <- r
	select {
	case v := <-s.respc:
		return v, true
	case <-time.After(timeout):
		return 0, false
	}
}

// Fixed: the response send watches stop, and Close ends the loop.
type stoppableServer struct {
	reqc  chan int
	respc chan int
	stopc chan struct{}
}

func newStoppableServer() *stoppableServer {
	s := &stoppableServer{reqc: make(chan int), respc: make(chan int), stopc: make(chan struct{})}
	go s.loop()
	return s
}

func (s *stoppableServer) loop() {
	for {
		select {
		case <-s.stopc:
			return
		case r := <-s.reqc:
			time.Sleep(workTime)
			select {
			case s.respc <- r * 2:
			case <-s.stopc:
				return
			}
		}
	}
}

func (s *stoppableServer) Do(r int, timeout time.Duration) (int, bool) {
	s.reqc <- r
	select {
	case v := <-s.respc:
		return v, true
	case <-time.After(timeout):
		return 0, false
	}
}

func (s *stoppableServer) Close() { close(s.stopc) }

// A request sent by value carries its reply channel; the client gives up
// on a timeout and the handler's reply blocks.
type lookup struct {
	key   string
	reply chan int
}

type table struct {
	lookups chan lookup
}

func newTable() *table {
	t := &table{lookups: make(chan lookup)}
	go t.serve()
	return t
}

func (t *table) serve() {
	for l := range t.lookups {
		time.Sleep(workTime)
		l.reply <- len(l.key) // want `.table.serve. can block forever sending a reply on .reply.: .table.Get. can return before receiving it.* \(AL151\)`
	}
}

func (t *table) Get(key string, timeout time.Duration) (int, bool) {
	reply := make(chan int)
	t.lookups <- lookup{key: key, reply: reply}
	select {
	case n := <-reply:
		return n, true
	case <-time.After(timeout):
		return 0, false
	}
}

// Fixed: one reply slot, so the handler never waits for the client.
func (t *table) GetBuffered(key string, timeout time.Duration) (int, bool) {
	reply := make(chan int, 1)
	t.lookups <- lookup{key: key, reply: reply}
	select {
	case n := <-reply:
		return n, true
	case <-time.After(timeout):
		return 0, false
	}
}

// Fixed: a request offered without waiting; when the server is busy
// the reply channel never leaves the caller, and once it is taken the
// caller waits for the answer.
func (t *table) TryGet(key string) (int, bool) {
	reply := make(chan int)
	select {
	case t.lookups <- lookup{key: key, reply: reply}:
	default:
		return 0, false
	}
	return <-reply, true
}

// A pipeline between two goroutines: the consumer returns at the first
// negative number, and the producer blocks on its next send.
func firstNegative(xs []int) error {
	ch := make(chan int)
	errc := make(chan error, 1)
	go func() {
		for _, x := range xs {
			ch <- x // want `goroutine .firstNegative.func1. can block forever sending on unbuffered channel .ch.: its receiver, goroutine .firstNegative.func2., can return before the channel is closed.* \(AL151\)`
		}
		close(ch)
	}()
	go func() {
		for x := range ch {
			if x < 0 {
				errc <- errNeg
				return
			}
		}
		errc <- nil
	}()
	return <-errc
}

// Fixed: the consumer keeps draining after it has its answer.
func firstNegativeDrained(xs []int) error {
	ch := make(chan int)
	errc := make(chan error, 1)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
	}()
	go func() {
		var err error
		for x := range ch {
			if x < 0 && err == nil {
				err = errNeg
			}
		}
		errc <- err
	}()
	return <-errc
}

// A worker that must deliver a result skips the send on its error path:
// the caller waits forever.
func get(fail bool) (int, error) {
	if fail {
		return 0, errGet
	}
	return 1, nil
}

func load(fail bool) int {
	ch := make(chan int)
	go func() {
		v, err := get(fail)
		if err != nil {
			return
		}
		ch <- v
	}()
	return <-ch // want `.load. can block forever receiving from .ch.: goroutine .load.func1. can return without sending on or closing it.* \(AL152\)`
}

// Fixed: the error path closes the channel.
func loadClosing(fail bool) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		v, err := get(fail)
		if err != nil {
			return
		}
		ch <- v
	}()
	return <-ch
}

// A goroutine started through a closure held in a variable, its
// result abandoned on a timeout.
func viaVariable(timeout time.Duration) (int, bool) {
	ch := make(chan int)
	work := func() {
		time.Sleep(workTime)
		ch <- 1
	}
	go work() // want `goroutine .viaVariable.func1. can block forever sending on unbuffered channel .ch..* \(AL151\)`
	select {
	case v := <-ch:
		return v, true
	case <-time.After(timeout):
		return 0, false
	}
}

// Fixed: buffered.
func viaVariableBuffered(timeout time.Duration) (int, bool) {
	ch := make(chan int, 1)
	work := func() {
		time.Sleep(workTime)
		ch <- 1
	}
	go work()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(timeout):
		return 0, false
	}
}

// A stop protocol by send: the loop can end on its own (its input
// closed), and Stop's send then has no receiver.
type watcher struct {
	events chan int
	stopc  chan struct{}
	seen   int
}

func newWatcher(events chan int) *watcher {
	w := &watcher{events: events, stopc: make(chan struct{})}
	go w.run()
	return w
}

func (w *watcher) run() {
	for {
		select {
		case <-w.stopc:
			return
		case _, ok := <-w.events:
			if !ok {
				return
			}
			w.seen++
		}
	}
}

func (w *watcher) Stop() { w.stopc <- struct{}{} } // want `goroutine .watcher.Stop. can block forever sending on .watcher.stopc.: its receivers select on other cases and can stop receiving.* \(AL151\)`

// Fixed: Stop closes the channel, which never blocks.
type closingWatcher struct {
	events chan int
	stopc  chan struct{}
	seen   int
}

func newClosingWatcher(events chan int) *closingWatcher {
	w := &closingWatcher{events: events, stopc: make(chan struct{})}
	go w.run()
	return w
}

func (w *closingWatcher) run() {
	for {
		select {
		case <-w.stopc:
			return
		case _, ok := <-w.events:
			if !ok {
				return
			}
			w.seen++
		}
	}
}

func (w *closingWatcher) Stop() { close(w.stopc) }

// time.After in a loop is garbage once the loop moves on: not a leak.
func pollAll(in <-chan int) int {
	n := 0
	for {
		select {
		case _, ok := <-in:
			if !ok {
				return n
			}
			n++
		case <-time.After(time.Second):
			return n
		}
	}
}

// Goroutines report on one unbuffered channel and the caller takes only
// the first report: the other senders block forever.
func firstError(fns ...func() error) error {
	errc := make(chan error)
	for _, fn := range fns {
		go func() { errc <- fn() }() // want `goroutine .firstError.func1. can block forever sending on unbuffered channel .errc.: .firstError. can return before receiving every value \(AL151\)`
	}
	return <-errc
}

// Fixed: a slot for every sender.
func firstErrorBuffered(fns ...func() error) error {
	errc := make(chan error, len(fns))
	for _, fn := range fns {
		go func() { errc <- fn() }()
	}
	return <-errc
}

// A ticker's channel is never closed: once Stop is called, the goroutine
// ranging over it waits forever.
func pollUntil(done <-chan struct{}, tick func()) {
	t := time.NewTicker(delay)
	go func() {
		for range t.C { // want `goroutine .pollUntil.func1. receives from .time.Ticker.C. until it is closed, which never happens: after .pollUntil. stops it, the goroutine blocks forever \(AL152\)`
			tick()
		}
	}()
	<-done
	t.Stop()
}

// Fixed: the goroutine selects on done too.
func pollUntilDone(done <-chan struct{}, tick func()) {
	t := time.NewTicker(delay)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				tick()
			case <-done:
				return
			}
		}
	}()
}

// A dispatcher whose loop returns at the first bad job: submitters
// started after that block forever.
type dispatcher struct {
	jobs chan int
	done int
}

func newDispatcher() *dispatcher {
	d := &dispatcher{jobs: make(chan int)}
	go d.loop()
	return d
}

func (d *dispatcher) loop() {
	for j := range d.jobs {
		if j < 0 {
			return
		}
		d.done++
	}
}

func (d *dispatcher) Submit(j int) { d.jobs <- j } // want `goroutine .dispatcher.Submit. can block forever sending on .dispatcher.jobs.: its receivers can return from their receiving loop \(AL151\)`

// Fixed: a bad job is skipped, and the loop keeps receiving.
type skippingDispatcher struct {
	jobs chan int
	done int
}

func newSkippingDispatcher() *skippingDispatcher {
	d := &skippingDispatcher{jobs: make(chan int)}
	go d.loop()
	return d
}

func (d *skippingDispatcher) loop() {
	for j := range d.jobs {
		if j < 0 {
			continue
		}
		d.done++
	}
}

func (d *skippingDispatcher) Submit(j int) { d.jobs <- j }

// Fixed: the consumer is released on one turn of a loop that always
// reaches it (nats-server's consumer-pending test starts its consumer
// after the 222nd of 10000 messages).
func publishThenConsume(publish func(int)) error {
	const n = 100
	start, done := make(chan bool), make(chan error)
	go func() {
		<-start
		done <- nil
	}()
	for i := 0; i < n; i++ {
		publish(i)
		if i == 22 {
			start <- true
		}
	}
	return <-done
}

// A producer that never stops, read for its first value: the consumer
// returns after one receive and the producer's next send blocks forever.
// A lone receive is no end marker when the sender's loop has no end.
func firstTick() int {
	ticks := make(chan int)
	go func() { // want `goroutine .firstTick.func1. can block forever sending on unbuffered channel .ticks.: .firstTick. can return before receiving every value.* \(AL151\)`
		for i := 0; ; i++ {
			ticks <- i
		}
	}()
	return <-ticks
}

// The stop protocol without its stop: the producer selects on a stop
// channel nobody ever closes, so that case never fires and its send
// waits as a plain one would.
func firstTickUnstopped() int {
	ticks := make(chan int)
	stop := make(chan struct{})
	go func() { // want `goroutine .firstTickUnstopped.func1. can block forever sending on unbuffered channel .ticks.: .firstTickUnstopped. can return before receiving every value.* \(AL151\)`
		for i := 0; ; i++ {
			select {
			case ticks <- i:
			case <-stop:
				return
			}
		}
	}()
	return <-ticks
}

// Fixed twin: the consumer tells the producer to stop.
func firstTickStopped() int {
	ticks := make(chan int)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := 0; ; i++ {
			select {
			case ticks <- i:
			case <-stop:
				return
			}
		}
	}()
	return <-ticks
}

// A producer that stops on its own after n values: how many the
// consumer takes is not known statically, so it is not judged.
func firstOfCounted(n int) int {
	ticks := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ticks <- i
		}
		close(ticks)
	}()
	return <-ticks
}

// A divide-and-conquer worker that signals its caller only when handed a
// channel: every goroutine it starts is handed one it just made, so the
// branch that skips the send (done == nil, taken by the half computed
// in place) never runs in a goroutine.
func sumInto(done chan<- struct{}, xs []int, out *int) {
	if len(xs) > 1 {
		mid := len(xs) / 2
		var left, right int
		half := make(chan struct{})
		go sumInto(half, xs[:mid], &left)
		sumInto(nil, xs[mid:], &right)
		<-half
		*out = left + right
	} else if len(xs) == 1 {
		*out = xs[0]
	}
	if done != nil {
		done <- struct{}{}
	}
}

// The same test on a parameter the starter passes on unknown: a nil
// logger skips the send, and the caller waits forever.
type logger struct{ lines []string }

func report(done chan<- struct{}, log *logger) {
	if log == nil {
		return
	}
	log.lines = append(log.lines, "done")
	done <- struct{}{}
}

func reportTo(log *logger) {
	done := make(chan struct{})
	go report(done, log)
	<-done // want `.reportTo. can block forever receiving from .done.: goroutine .report. can return without sending on or closing it.* \(AL152\)`
}

// Fixed: three goroutines each send once on a channel of its own, and
// the loop counts the receives from all three until it has them all,
// its exit a test in the body (fasthttp's TestShutdown): every value is
// taken.
func awaitThree() {
	served, dialled, stopped := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { time.Sleep(delay); served <- struct{}{} }()
	go func() { time.Sleep(2 * delay); dialled <- struct{}{} }()
	go func() { stopped <- struct{}{} }()
	done := 0
	for {
		select {
		case <-served:
			done++
		case <-dialled:
			done++
		case <-stopped:
			done++
		}
		if done == 3 {
			return
		}
	}
}

// The same loop with a way out before the count is reached: a stop
// leaves the other goroutines blocked in their sends.
func awaitThreeOrStop(stop <-chan struct{}) {
	served, dialled := make(chan struct{}), make(chan struct{})
	go func() { time.Sleep(workTime); served <- struct{}{} }()  // want `goroutine .awaitThreeOrStop.func1. can block forever sending on unbuffered channel .served.*\(AL151\)`
	go func() { time.Sleep(workTime); dialled <- struct{}{} }() // want `goroutine .awaitThreeOrStop.func2. can block forever sending on unbuffered channel .dialled.*\(AL151\)`
	done := 0
	for {
		select {
		case <-served:
			done++
		case <-dialled:
			done++
		case <-stop:
			return
		}
		if done == 2 {
			return
		}
	}
}
