package looppassing

import "github.com/asynclint/asynclint/asyncir"

// graph is the program's direct-call graph and the per-function facts
// this family derives from it, computed once per Program.
type graph struct {
	// callers are the call ops whose resolved callee is the function.
	callers map[*asyncir.Func][]*asyncir.Op
	// escapes marks functions referenced other than by a direct call
	// (passed as a callback or thread target, stored): something we do
	// not see may call them, on another thread.
	escapes map[*asyncir.Func]bool
	// scheduled holds, for a function handed to the loop as a callback
	// (call_soon, call_later, add_done_callback, ...), one such call.
	scheduled map[*asyncir.Func]*asyncir.Op
	// onLoop marks synchronous functions that only run on the event
	// loop: loop callbacks, or functions every caller of which is a
	// coroutine or onLoop itself.
	onLoop map[*asyncir.Func]bool
	// readsContext holds, for a synchronous function that (transitively)
	// reads a ContextVar, the witness chain of call ops ending at the read.
	readsContext map[*asyncir.Func][]*asyncir.Op
}

const summaryKey = "looppassing.graph"

func graphOf(p *asyncir.Program) *graph {
	return p.Summary(summaryKey, func(p *asyncir.Program) any { return buildGraph(p) }).(*graph)
}

func buildGraph(p *asyncir.Program) *graph {
	g := &graph{callers: map[*asyncir.Func][]*asyncir.Op{}, escapes: map[*asyncir.Func]bool{},
		scheduled: map[*asyncir.Func]*asyncir.Op{}, onLoop: map[*asyncir.Func]bool{}}
	var funcs []*asyncir.Func
	p.AllFuncs(func(f *asyncir.Func) {
		funcs = append(funcs, f)
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpCall && op.Callee != nil {
				g.callers[op.Callee] = append(g.callers[op.Callee], op)
			}
			if ref := referenced(op); ref != nil {
				g.classifyUses(p.Models, op.Result, ref)
			}
		})
	})
	for changed := true; changed; {
		changed = false
		for _, f := range funcs {
			if g.onLoop[f] || !plainSync(f) || g.escapes[f] || len(g.callers[f]) == 0 && g.scheduled[f] == nil {
				continue
			}
			all := true
			for _, c := range g.callers[f] {
				if cf := c.Func(); !cf.IsAsync() && !g.onLoop[cf] {
					all = false
					break
				}
			}
			if all {
				g.onLoop[f], changed = true, true
			}
		}
	}
	g.readsContext = chains(funcs, readsContextHere)
	return g
}

// referenced is the function an op's value names, for loads, attributes
// and lambdas (not the def statement's own binding).
func referenced(op *asyncir.Op) *asyncir.Func {
	if op.Result == nil {
		return nil
	}
	t := op.Result.Type()
	switch op.Kind {
	case asyncir.OpLoad, asyncir.OpAttr:
		if t.Kind == asyncir.FuncObj {
			return t.Func
		}
	case asyncir.OpRef:
		if op.Callee != nil && op.Callee.Name == "<lambda>" {
			return op.Callee
		}
	}
	return nil
}

// classifyUses records how a function value is used: called directly
// (nothing to record), handed to the loop as a callback (scheduled), or
// anything else (escapes).
func (g *graph) classifyUses(models *asyncir.Models, v *asyncir.Value, f *asyncir.Func) {
	for _, u := range v.Uses {
		switch {
		case u.Kind == asyncir.UseRecv && u.Op.Kind == asyncir.OpCall && u.Op.Recv == nil && u.Op.Callee == f:
		case u.Kind == asyncir.UseArg && loopCallbackArg(models, u.Op, v):
			if g.scheduled[f] == nil {
				g.scheduled[f] = u.Op
			}
		default:
			g.escapes[f] = true
		}
	}
}

// loopCallbackArg reports whether v is the callback argument of an API
// that calls it on the event loop's thread.
func loopCallbackArg(models *asyncir.Models, call *asyncir.Op, v *asyncir.Value) bool {
	api := models.API(call.External)
	if call.Kind != asyncir.OpCall || api == nil || api.Callback < 0 || !api.CallbackOnLoop {
		return false
	}
	if call.Arg(api.Callback, "") == v {
		return true
	}
	return api.CallbackKeyword != "" && call.Keyword(api.CallbackKeyword) == v
}

// plainSync is a synchronous def (not a module or class body, lambda or
// generator).
func plainSync(f *asyncir.Func) bool {
	return f.Kind == asyncir.Sync && f != f.Module.Body && f.Name != "<lambda>" && (len(f.Name) == 0 || f.Name[0] != '<')
}

// chains computes, for each synchronous function, a call chain to an op
// that `here` accepts: the op itself in the function, or a call of a
// synchronous function that has a chain (direct ops first, then chains
// found in earlier rounds, so chains stay short).
func chains(funcs []*asyncir.Func, here func(*asyncir.Op) bool) map[*asyncir.Func][]*asyncir.Op {
	out := map[*asyncir.Func][]*asyncir.Op{}
	for _, f := range funcs {
		if f.Kind != asyncir.Sync {
			continue
		}
		f.Ops(func(op *asyncir.Op) {
			if out[f] == nil && here(op) {
				out[f] = []*asyncir.Op{op}
			}
		})
	}
	for changed := true; changed; {
		changed = false
		for _, f := range funcs {
			if f.Kind != asyncir.Sync || out[f] != nil {
				continue
			}
			f.Ops(func(op *asyncir.Op) {
				if out[f] != nil || op.Kind != asyncir.OpCall || op.Callee == nil || op.Callee == f {
					return
				}
				if sub := out[op.Callee]; sub != nil {
					out[f] = append([]*asyncir.Op{op}, sub...)
					changed = true
				}
			})
		}
	}
	return out
}

// asyncCaller returns a shortest chain of direct calls from a coroutine,
// through synchronous functions, to the op target, outermost call first;
// nil when no coroutine reaches it. A call is a link only if, with the
// arguments it passes, its callee's entry still reaches the next link
// (or target): `serve(coro, run_async=True)` does not reach the
// `run_until_complete` that serve skips when run_async is true.
func (g *graph) asyncCaller(target *asyncir.Op) []*asyncir.Op {
	f := target.Func()
	// Breadth-first over callers; next[h] is the call that leads from h
	// towards target.
	next := map[*asyncir.Func]*asyncir.Op{}
	seen := map[*asyncir.Func]bool{f: true}
	plain := map[*asyncir.Func][]bool{}
	// reaches reports whether the call c of h reaches to, the op in h
	// that leads on.
	reaches := func(c *asyncir.Op, h *asyncir.Func, to *asyncir.Op) bool {
		if plain[h] == nil {
			plain[h] = asyncir.ReachableBlocks(h, nil)
		}
		if !plain[h][to.Block.Index] {
			return false
		}
		bind := guardBinding(c, h)
		if len(bind) == 0 {
			return true
		}
		reach := asyncir.ReachableBlocks(h, bind)
		return reach[to.Block.Index] || asyncir.CallsItself(h, reach)
	}
	for todo := []*asyncir.Func{f}; len(todo) > 0; todo = todo[1:] {
		h := todo[0]
		to := target
		if h != f {
			to = next[h]
		}
		for _, c := range g.callers[h] {
			cf := c.Func()
			if cf.Kind != asyncir.Sync && !cf.IsAsync() || seen[cf] && !cf.IsAsync() || !reaches(c, h, to) {
				continue
			}
			if cf.IsAsync() {
				chain := []*asyncir.Op{c}
				for x := h; x != f; {
					op := next[x]
					chain = append(chain, op)
					x = op.Callee
				}
				return chain
			}
			seen[cf] = true
			next[cf] = c
			todo = append(todo, cf)
		}
	}
	return nil
}

// guardBinding is what the call c knows about the parameters h's
// branches test.
func guardBinding(c *asyncir.Op, h *asyncir.Func) asyncir.Binding {
	tested := map[string]bool{}
	for _, b := range h.Blocks {
		if b.Guard != nil {
			for _, p := range b.Guard.Params() {
				tested[p] = true
			}
		}
	}
	if len(tested) == 0 {
		return nil
	}
	return asyncir.CallBinding(c, h, nil, func(name string) bool { return tested[name] })
}
