package looppassing

import "github.com/asynclint/asynclint/asyncir"

// loopProvided reports whether the code around a get_event_loop() call
// outside a running loop already settles which loop it gets: a loop set
// with set_event_loop(loop) on every path to the call, or a handler of
// the call's RuntimeError (raised from 3.14 when no loop is set) that
// provides one.
func loopProvided(op *asyncir.Op) bool {
	return setOnEveryPath(op) || catchesRuntimeError(op)
}

// setOnEveryPath reports whether every path from the function's entry to
// op passes a set_event_loop call with a loop (not None).
func setOnEveryPath(op *asyncir.Op) bool {
	f := op.Func()
	seen := make([]bool, len(f.Blocks))
	var reach func(b *asyncir.Block) bool
	reach = func(b *asyncir.Block) bool {
		if seen[b.Index] {
			return false
		}
		seen[b.Index] = true
		for _, o := range b.Ops {
			if o == op {
				return true
			}
			if setsLoop(o) {
				return false
			}
		}
		for _, s := range b.Succs {
			if reach(s) {
				return true
			}
		}
		return false
	}
	return f.Entry() != nil && !reach(f.Entry())
}

func setsLoop(op *asyncir.Op) bool {
	if op.Kind != asyncir.OpCall || op.External != "asyncio.set_event_loop" && op.External != "asyncio.AbstractEventLoopPolicy.set_event_loop" {
		return false
	}
	loop := op.Arg(0, "loop")
	return loop != nil && !loop.IsNone()
}

// runtimeErrorHandlers are the exception types whose handler catches the
// RuntimeError of get_event_loop().
var runtimeErrorHandlers = map[string]bool{"builtins.RuntimeError": true, "builtins.Exception": true, "builtins.BaseException": true}

// catchesRuntimeError reports whether an exception raised by op reaches
// a handler for RuntimeError (or a bare except).
func catchesRuntimeError(op *asyncir.Op) bool {
	for _, h := range op.Block.Handlers {
		if len(h.Catch()) == 0 {
			return true
		}
		for _, c := range h.Catch() {
			if runtimeErrorHandlers[c.Type().External] {
				return true
			}
		}
	}
	return false
}
