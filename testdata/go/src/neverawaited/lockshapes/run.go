package lockshapes

import "time"

// RunLeaks drives each deadlock; the goroutines that block hold the
// only references to their mutexes.
func RunLeaks() {
	r := &registry{items: map[string]int{}}
	go r.Update("a", 1)

	c := &cache{m: map[string]int{}}
	go c.GetOrFill("a")

	s := &set{m: map[string]bool{}}
	go s.AddAll([]string{"a", "a", "b"})

	q := newQueue()
	time.Sleep(20 * delay) // publish holds the lock and waits to send
	go q.Next()

	b := &bank{}
	go b.Deposit(1)
	go b.Audit()

	k := &conn{}
	k.transition(-1)
	go k.transition(1)

	go (&subscription{done: make(chan struct{})}).handle(true)

	ls := &leakyStream{}
	_ = ls.Stage([]string{"a", ""})
	go func() { _ = ls.Stage(nil) }()

	st := &stats{}
	go st.Mean()
	time.Sleep(10 * delay)
	go st.Add(1)
	time.Sleep(60 * delay)
}

// RunClean drives the fixed twins down the same paths.
func RunClean() {
	r := &registry{items: map[string]int{}}
	r.UpdateThenNotify("a", 1)

	c := &cache{m: map[string]int{}}
	c.GetOrFillFixed("a")
	c.Match("b", true)

	s := &set{m: map[string]bool{}}
	s.AddAllFixed([]string{"a", "a"})
	lockAll([]*node{{q: &inbox{}}, {q: &inbox{}}})

	q := newUnlockedQueue()
	q.Next()

	b := &orderedBank{}
	done := make(chan bool)
	go func() { b.Deposit(1); done <- true }()
	b.Audit()
	<-done

	k := &conn{}
	k.transitionFixed(-1)
	k.transitionFixed(1)
	k.touch()

	pm := &perms{allowed: map[string]bool{"a": true}}
	pm.Publish("a")
	pm.check("a", false)

	(&subscription{done: make(chan struct{})}).handleFixed(true)

	la, lb := &ledger{balance: 2}, &ledger{}
	transfer(la, lb, 1)
	_ = compare(la, lb)

	(&session{pending: []string{"a", "b"}}).drain()

	kr := &keyring{}
	_ = kr.Current()
	_ = kr.Current()

	sm := &stream{}
	_ = sm.Stage([]string{"a", ""})
	_ = sm.Stage([]string{"b"})

	(&dnsServer{}).ListenAndServe()

	ls := &lockedStats{}
	meant := make(chan int)
	go func() { meant <- ls.Mean() }()
	time.Sleep(delay)
	ls.Add(1)
	<-meant
}
