package lsp

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory for keystroke latency in the server's process,
// unless the user set GOGC or GOMEMLIMIT: an edit re-lowers a module and
// so allocates a few times the live heap of that module, and at the
// default GOGC=100 the collector's share of an edit's CPU time was about a
// fifth (BenchmarkEditRealModule). GOGC=400 lets the heap grow to five
// times what is live before a collection, and the soft limit makes the
// collector work harder again as the heap nears 1 GiB, so a large
// workspace is not held at five times its size.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}
