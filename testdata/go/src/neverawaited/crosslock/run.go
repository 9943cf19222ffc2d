package crosslock

import "neverawaited/crosslock/kv"

// RunLeaks drives both double locks in goroutines that then hold the
// only references to their mutexes.
func RunLeaks() {
	go incr(kv.New(), "a")
	go (&counter{}).add(1)
}

// RunClean drives the fixed twins.
func RunClean() {
	incrFixed(kv.New(), "a")
	(&counter{}).addFixed(1)
}
