package pyfront

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Lowering a large module allocates little garbage: nearly everything it
// allocates is the IR it keeps. Each collection during it marks a heap
// that only grows and frees little (the 10 MB generated module: five
// collections marking about 470 MB in all while it was lowered, to free
// less than 100 MB). So the collector is held off from the first module
// lowered in segments until parsing is over, where Load collects once
// anyway (releaseParsing). The hold ends early once the run has
// allocated a budget of a little more than the segmented modules'
// lowering takes; the collector then runs as set before.

// gcBudgetPerByte is the allocation a hold allows per byte of segmented
// source (the 10 MB module's lowering allocates about 32 bytes a byte).
const gcBudgetPerByte = 40

// gcHolds is the process's hold on the collector, shared by the runs that
// hold it at the same time.
var gcHolds struct {
	mu sync.Mutex
	// n counts the runs holding; prev is the collector's setting before
	// the first of them; off, that the collector is held off now; limit,
	// the cumulative allocation at which the hold ends.
	n     int
	prev  int
	off   bool
	limit uint64
}

// holdGC holds the collector off, or extends the run's hold, for the
// lowering of size bytes of source.
func (p *parserPool) holdGC(size int) {
	h := &gcHolds
	h.mu.Lock()
	defer h.mu.Unlock()
	p.gcMu.Lock()
	defer p.gcMu.Unlock()
	if !p.gcHeld {
		if h.n == 0 {
			h.prev = debug.SetGCPercent(-1)
			h.off, h.limit = true, allocated()
		}
		h.n++
		p.gcHeld = true
	}
	if h.off {
		h.limit += uint64(size) * gcBudgetPerByte
	}
}

// checkGC lets the collector run again once the hold's budget is spent.
func checkGC() { endHold(false) }

// resumeGC lets the collector run again at once: a module that was to be
// lowered in segments goes to the whole-file path, whose tree and
// garbage the budget does not count.
func resumeGC() { endHold(true) }

// endHold lets the collector run again, at once or once the hold's budget
// is spent; the runs holding it keep their count.
func endHold(now bool) {
	h := &gcHolds
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.off && (now || allocated() >= h.limit) {
		debug.SetGCPercent(h.prev)
		h.off = false
	}
}

// releaseGC ends the run's hold; the last one gives the collector its
// setting back.
func (p *parserPool) releaseGC() {
	h := &gcHolds
	h.mu.Lock()
	defer h.mu.Unlock()
	p.gcMu.Lock()
	defer p.gcMu.Unlock()
	if !p.gcHeld {
		return
	}
	p.gcHeld = false
	h.n--
	if h.n == 0 && h.off {
		debug.SetGCPercent(h.prev)
		h.off = false
	}
}

// allocated is the number of bytes the Go heap has allocated so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
