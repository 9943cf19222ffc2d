package recvleak

// RunLeaks drives the wanted leaks of recvleak.go: an invalid item makes
// the producers return before closing or sending.
func RunLeaks() {
	_ = process([]item{{}, {bad: true}})
	neverClosed([]item{{}})
	_ = singleReceive(item{bad: true})
	_ = errgroupWorkers([]item{{}, {bad: true}})
	firstTurnReadyLate(ones)
	firstTurnReady(ones)
	firstTurnSentinel(ones)
}
