package nilchan

// RunLeaks drives the wanted leaks of nilchan.go.
func RunLeaks() {
	declaredOnly()
	sendNeverMade()
	rangeNeverMade()
	startServer()
	watchShutdown()
	sendMaybeMade()
	parkForever()
	selectOnNil()
	pauseNil()
}

// RunClean drives the fixed twins; none may leak.
func RunClean() {
	_ = optionalTimeout(0)
	runWorker()
	sendWhenMade()
	waitReady()
	p := &Pipe{In: make(chan int)}
	go p.Drain()
	p.In <- 1
	close(p.In)
	pollNothing()
	passGate()
	superviseAdd()
}
