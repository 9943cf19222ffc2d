package chanshapes

import "time"

// RunLeaks drives each leaking path.
func RunLeaks() {
	s := newServer()
	s.Do(1, 0)

	t := newTable()
	t.Get("k", 0)

	_ = firstNegative([]int{-1, 2, 3})

	go load(true)

	viaVariable(0)

	events := make(chan int)
	w := newWatcher(events)
	close(events)
	time.Sleep(10 * delay)
	go w.Stop()
	time.Sleep(10 * delay)

	_ = firstError(func() error { return nil }, func() error { return nil })

	done := make(chan struct{})
	go pollUntil(done, func() {})
	time.Sleep(5 * delay)
	close(done)
	time.Sleep(10 * delay)

	go reportTo(nil)

	d := newDispatcher()
	d.Submit(-1)
	go d.Submit(2)

	_ = firstTick()
	_ = firstTickUnstopped()
	stop := make(chan struct{})
	close(stop)
	awaitThreeOrStop(stop)
	time.Sleep(2 * workTime) // the servers reach their blocked sends
}

// RunClean drives the fixed twins down the same paths.
func RunClean() {
	_ = publishThenConsume(func(int) {})
	_ = firstTickStopped()
	_ = firstOfCounted(1)

	s := newStoppableServer()
	s.Do(1, 0)
	s.Close()

	t := newTable()
	t.GetBuffered("k", 0)
	t.TryGet("k")
	close(t.lookups)

	_ = firstNegativeDrained([]int{-1, 2, 3})

	loadClosing(true)

	viaVariableBuffered(0)
	time.Sleep(10 * delay)

	events := make(chan int)
	w := newClosingWatcher(events)
	close(events)
	time.Sleep(10 * delay)
	w.Stop()

	in := make(chan int, 1) // pollAll may time out before it receives
	go func() { in <- 1; close(in) }()
	pollAll(in)

	_ = firstErrorBuffered(func() error { return nil }, func() error { return nil })

	done := make(chan struct{})
	pollUntilDone(done, func() {})
	time.Sleep(5 * delay)
	close(done)
	time.Sleep(10 * delay)

	sd := newSkippingDispatcher()
	sd.Submit(-1)
	ran := make(chan bool)
	go func() { sd.Submit(2); ran <- true }()
	<-ran
	close(sd.jobs)

	var sum int
	sumInto(nil, []int{1, 2, 3, 4, 5}, &sum)
	reportTo(&logger{})
	awaitThree()
}
