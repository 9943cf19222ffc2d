package recvleak

// Fixed: the loop's first turn sets first = false and closes ready in one
// block, and the loop ends only on a later turn, so never before the
// close (prometheus's TestGoCollectorGC).
func firstTurnReady(next func() int) {
	ready := make(chan struct{})
	go func() {
		<-ready
	}()
	first := true
	for {
		v := next()
		if first {
			first = false
			close(ready)
			continue
		}
		if v > 0 {
			break
		}
	}
}

// Fixed: the same with a sentinel: prev enters the loop at -1 and leaves
// it in the block that closes ready (prometheus's
// TestGoCollectorGoroutines).
func firstTurnSentinel(next func() int) {
	ready := make(chan struct{})
	go func() {
		<-ready
	}()
	prev := -1
	for {
		v := next()
		if prev == -1 {
			prev = v
			close(ready)
			continue
		}
		if v >= prev {
			break
		}
	}
}

// The first turn changes the flag, but closes ready only for a value the
// loop may never see.
func firstTurnReadyLate(next func() int) {
	ready := make(chan struct{})
	go func() { // want `receiving from .ready.: .firstTurnReadyLate. can return without sending on or closing it`
		<-ready
	}()
	first := true
	for {
		v := next()
		if first {
			first = false
			if v > 10 {
				close(ready)
			}
			continue
		}
		if v > 0 {
			break
		}
	}
}

// ones is a next func that always gives 1.
func ones() int { return 1 }
