// Package nilchan holds AL151/AL152 cases of goroutines that block
// forever whatever other goroutines do: an operation on a nil channel
// outside a select, and a select that no case can end.
package nilchan

import (
	"sync"
	"time"
)

func produce() int { return 1 }

// A channel declared and never made: the receive waits forever.
func declaredOnly() {
	var results chan int
	go func() {
		<-results // want `goroutine .declaredOnly.func1. blocks forever receiving from nil channel .results.: it is declared and never made.*\(AL152\)`
	}()
}

// The same for a send.
func sendNeverMade() {
	var out chan int
	go func() {
		out <- produce() // want `goroutine .sendNeverMade.func1. blocks forever sending on nil channel .out..*\(AL151\)`
	}()
}

// Ranging over a nil channel never ends either.
func rangeNeverMade() {
	var jobs chan int
	go func() {
		for j := range jobs { // want `.*receiving from nil channel .jobs..*\(AL152\)`
			_ = j
		}
	}()
}

// A struct field the constructor forgets: nothing in the package ever
// makes quit.
type server struct {
	quit chan struct{}
	reqs chan int
}

func newServer() *server { return &server{reqs: make(chan int, 1)} }

func (s *server) loop() {
	s.reqs <- 1 // made by newServer
	<-s.quit    // want `goroutine .server.loop. blocks forever receiving from nil channel .s.quit.: the package never assigns it.*\(AL152\)`
}

func startServer() {
	s := newServer()
	go s.loop()
}

// A package variable nothing assigns.
var shutdown chan struct{}

func watchShutdown() {
	go func() {
		<-shutdown // want `.*nil channel .shutdown.: the package never assigns it.*\(AL152\)`
	}()
}

// Made on one path only, and sent on whatever happens next.
var buffered = false

func sendMaybeMade() {
	go func() {
		var ch chan int
		if buffered {
			ch = make(chan int, 1)
		}
		ch <- produce() // want `.*nil channel .ch.: a path that never makes it reaches here.*\(AL151\)`
	}()
}

// select {} in a goroutine: it never returns.
func parkForever() {
	go func() {
		_ = produce()
		select {} // want `goroutine .parkForever.func1. blocks forever in a select that no case can end: it has no case.*\(AL152\)`
	}()
}

// A select whose every channel is nil.
func selectOnNil() {
	var a, b chan int
	go func() {
		select { // want `.*every case is on a nil channel.*\(AL152\)`
		case <-a:
		case b <- 1:
		}
	}()
}

// Fixed: a nil channel in a select disables its case; the other case
// ends the select.
func optionalTimeout(d time.Duration) int {
	results := make(chan int, 1)
	go func() { results <- produce() }()
	var timeout <-chan time.Time
	if d > 0 {
		timeout = time.After(d)
	}
	select {
	case v := <-results:
		return v
	case <-timeout:
		return 0
	}
}

// Fixed: the field is made by the constructor.
type worker struct{ done chan struct{} }

func newWorker() *worker { return &worker{done: make(chan struct{})} }

func (w *worker) run() { close(w.done) }

func (w *worker) wait() { <-w.done }

func runWorker() {
	w := newWorker()
	go w.run()
	w.wait()
}

// Fixed: the send runs only on the path that made the channel.
func sendWhenMade() {
	var ch chan int
	if buffered {
		ch = make(chan int, 1)
	}
	if buffered {
		ch <- produce()
	}
}

// Fixed: a package variable made where it is declared.
var ready = make(chan struct{})

func waitReady() {
	go func() { close(ready) }()
	<-ready
}

// Fixed: an exported field may be set by the package's users.
type Pipe struct{ In chan int }

func (p *Pipe) Drain() {
	for v := range p.In {
		_ = v
	}
}

// Fixed: a select with a default never blocks.
func pollNothing() {
	go func() {
		select {
		default:
		}
	}()
}

// Fixed: a test double's hook that nothing in the package sets, read
// under its lock and waited on only when set (centrifuge's
// controllableBroker.Subscribe): the nil test keeps the receive away.
type gate struct {
	mu     sync.Mutex
	hold   chan struct{}
	passed int
}

func (g *gate) pass() {
	g.mu.Lock()
	wait := g.hold
	g.mu.Unlock()
	if wait != nil {
		<-wait
	}
	g.passed++
}

func passGate() {
	g := &gate{}
	done := make(chan struct{})
	go func() { g.pass(); close(done) }()
	<-done
}

// Not a goroutine: a program's main that parks forever is no leak.
func serveForever() {
	go func() { _ = produce() }()
	select {}
}

// Fixed: a control loop's case for a message type the package never
// makes: no value of it reaches the interface the loop switches on, so
// the case never runs and its nil field is never used (suture's
// Supervisor.Serve, case stopSupervisor).
type ctlMsg interface{ isCtl() }

type addMsg struct{ reply chan int }

type stopMsg struct{ done chan int }

func (addMsg) isCtl()  {}
func (stopMsg) isCtl() {}

type supervisor struct{ control chan ctlMsg }

func (s *supervisor) serve() {
	for m := range s.control {
		switch msg := m.(type) {
		case addMsg:
			msg.reply <- 1
		case stopMsg:
			msg.done <- 0
			return
		}
	}
}

func superviseAdd() {
	s := &supervisor{control: make(chan ctlMsg)}
	go s.serve()
	r := make(chan int)
	s.control <- addMsg{reply: r}
	<-r
	close(s.control)
}

// The same loop, when the package does send the message, made without
// its channel: the case runs and sends on nil.
type pauseMsg struct{ done chan int }

func (pauseMsg) isCtl() {}

type pauser struct{ control chan ctlMsg }

func (p *pauser) serve() {
	for m := range p.control {
		switch msg := m.(type) {
		case pauseMsg:
			msg.done <- 0 // want `goroutine .pauser.serve. blocks forever sending on nil channel .msg.done.: the package never assigns it.*\(AL151\)`
			return
		}
	}
}

func pauseNil() {
	p := &pauser{control: make(chan ctlMsg)}
	go p.serve()
	p.control <- pauseMsg{}
}
