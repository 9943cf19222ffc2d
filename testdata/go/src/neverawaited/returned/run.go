package returned

import "time"

// RunLeaks drives both consumers down their early returns.
func RunLeaks() {
	_ = firstAbove(1, 5)
	delay = 20 * time.Millisecond
	_ = fetchWithTimeout(0)
}

// RunClean consumes everything.
func RunClean() {
	_ = sumAll(5)
	_ = firstAboveCtx(1, 5)
	_ = fetchWait()
}
