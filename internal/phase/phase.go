// Package phase marks the phases of a run (read, lower, link, analyze …)
// as regions of the runtime execution trace that `check --trace FILE`
// writes, so that `go tool trace` shows which phase keeps a core idle.
// A region costs next to nothing when no trace is being written.
package phase

import (
	"context"
	"runtime/trace"
)

// A Phase is one running phase of the calling goroutine.
type Phase struct{ r *trace.Region }

// Start begins the phase name.
func Start(name string) Phase {
	return Phase{trace.StartRegion(context.Background(), name)}
}

// Next ends p and begins the phase name.
func (p Phase) Next(name string) Phase {
	p.End()
	return Start(name)
}

// End ends p.
func (p Phase) End() {
	if p.r != nil {
		p.r.End()
	}
}
