package neverawaited

import "github.com/asynclint/asynclint/asyncir"

// receivingInputs returns the inputs of op's callee that ch is bound to,
// when op is a plain call of a function of the module that only
// receives from them (a helper that ranges over the channel it is
// handed); nil otherwise. Such a call is one of the receiving function's
// receives, made in the callee.
func receivingInputs(op *asyncir.Op, ch *asyncir.Value) []*asyncir.Value {
	if op.Kind != asyncir.OpCall || op.Callee == nil || len(op.Callee.Blocks) == 0 {
		return nil
	}
	ins := asyncir.Bindings(op, ch)
	for _, in := range ins {
		if in.Track == nil || in.Track.Escapes {
			return nil
		}
		for _, u := range in.Uses {
			if !u.Op.Receives(in) && u.Op.Kind != asyncir.OpSelect && u.Op.Kind != asyncir.OpDrain {
				return nil
			}
		}
	}
	return ins
}

// calleeReceives is how many values a receiving call (see
// receivingInputs) takes at least before its callee returns: Inf when
// every path to a return drains the channel to its close (the range
// ends). When the senders send without bound, only that drain counts,
// as for a receive of the caller's own.
func calleeReceives(op *asyncir.Op, ins []*asyncir.Value, unbounded bool) int {
	g := op.Callee
	takes := func(o *asyncir.Op) bool {
		for _, in := range ins {
			if o.Receives(in) || o.Kind == asyncir.OpDrain && o.Operand == in {
				return true
			}
		}
		return false
	}
	// A loop that receives and ends by its own condition (a counted
	// loop) is assumed to have taken every value, as in the caller.
	cfg := asyncir.NewCFG(g)
	headers := map[*asyncir.Block]bool{}
	g.Ops(func(o *asyncir.Op) {
		if takes(o) {
			for _, h := range cfg.LoopHeaders(o.Block) {
				headers[h] = true
			}
		}
	})
	c, _ := asyncir.CheapestExitFromEntry(g, asyncir.PathCost{
		Op: func(o *asyncir.Op) int {
			switch {
			case !takes(o), unbounded && o.Kind != asyncir.OpDrain:
				return 0
			case o.Kind == asyncir.OpDrain:
				return asyncir.Inf
			}
			return 1
		},
		Edge: receivingLoopExit(cfg, headers),
	})
	return c
}
