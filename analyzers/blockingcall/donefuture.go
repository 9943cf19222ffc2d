package blockingcall

import "github.com/asynclint/asynclint/asyncir"

// A concurrent.futures future stays done once set_result or
// set_exception has been called on it, so result() and exception() on
// it return at once. tenacity keeps the outcome of each attempt that
// way: RetryCallState.set_result makes a Future, settles it and only
// then stores it in self.outcome, which otherwise holds None; reading
// retry_state.outcome.exception() in a coroutine never waits.

// doneFuturesKey names the index of attribute stores in the summaries.
const doneFuturesKey = "blockingcall.donefutures"

// maxDoneDepth bounds how many stores, returns and locals are followed
// back from a future to where it was settled.
const maxDoneDepth = 4

// attrStores indexes the program's stores by attribute name, for the
// question "what can obj.attr hold" (computed once, when first asked).
type attrStores struct {
	byAttr map[string][]*asyncir.Op
	// project marks the modules analysed (not installed libraries, read
	// only in part): only their classes' attributes are answered for.
	project map[*asyncir.Module]bool
}

func storesOf(p *asyncir.Program) *attrStores {
	return p.Summary(doneFuturesKey, func(p *asyncir.Program) any {
		s := &attrStores{byAttr: map[string][]*asyncir.Op{}, project: map[*asyncir.Module]bool{}}
		for _, m := range p.Modules {
			s.project[m] = true
		}
		p.AllFuncs(func(f *asyncir.Func) {
			f.Ops(func(op *asyncir.Op) {
				if op.Kind == asyncir.OpStore && op.Attr != "" && op.Recv != nil {
					s.byAttr[op.Attr] = append(s.byAttr[op.Attr], op)
				}
			})
		})
		return s
	}).(*attrStores)
}

// waitsOnDoneFuture reports whether op is result() or exception() on a
// concurrent future that is known to be done already.
func waitsOnDoneFuture(p *asyncir.Program, op *asyncir.Op) bool {
	switch op.External {
	case "concurrent.futures.Future.result", "concurrent.futures.Future.exception":
		return p != nil && doneFuture(p, op.Recv, maxDoneDepth)
	}
	return false
}

// doneFuture reports whether v is a concurrent future that was settled
// before it got here: a local every binding of which is settled on every
// path to the read, or is itself such a value; the result of a project
// function whose every return is one; or an attribute of a project class
// whose every store in the program is one, or None.
func doneFuture(p *asyncir.Program, v *asyncir.Value, depth int) bool {
	if v == nil || v.Def == nil || depth == 0 {
		return false
	}
	d := v.Def
	switch d.Kind {
	case asyncir.OpLoad:
		return settledLocal(p, d, depth)
	case asyncir.OpCall:
		return returnsDoneFuture(p, d.Callee, depth)
	case asyncir.OpAttr:
		return holdsDoneFutures(p, d, depth)
	}
	return false
}

// settledLocal reports whether every binding the local load reads is a
// done future, or is settled on every path from the binding to the load.
func settledLocal(p *asyncir.Program, load *asyncir.Op, depth int) bool {
	f := load.Func()
	if load.Global || len(load.Defs()) == 0 || f.Captured[load.Var] {
		return false
	}
	settles := func(o *asyncir.Op) bool { return settlesLocal(o, load.Var) }
	for _, st := range load.Defs() {
		if asyncir.Reaches(st, load, settles) && !doneFuture(p, st.Operand, depth-1) {
			return false
		}
	}
	return true
}

// settlesLocal reports whether o is name.set_result(...) or
// name.set_exception(...) on a future whose class does not redefine
// them.
func settlesLocal(o *asyncir.Op, name string) bool {
	if o.Kind != asyncir.OpCall || o.Method != "set_result" && o.Method != "set_exception" {
		return false
	}
	r := o.Recv
	if r == nil || r.Def == nil || r.Def.Kind != asyncir.OpLoad || r.Def.Var != name || r.Def.Global {
		return false
	}
	t := r.Type()
	if t.Kind != asyncir.Instance {
		return false
	}
	return t.Class == nil && t.External == "concurrent.futures.Future" || t.Class != nil && t.Class.LookupMethod(o.Method) == nil
}

// returnsDoneFuture reports whether every return of the synchronous
// project function g hands back a done future.
func returnsDoneFuture(p *asyncir.Program, g *asyncir.Func, depth int) bool {
	if g == nil || g.Kind != asyncir.Sync {
		return false
	}
	n, all := 0, true
	g.Ops(func(o *asyncir.Op) {
		if o.Kind == asyncir.OpReturn && all {
			n++
			all = doneFuture(p, o.Operand, depth-1)
		}
	})
	return n > 0 && all
}

// holdsDoneFutures reports whether the attribute read a holds only done
// futures or None: its receiver is an instance of a project class, and
// every store of the attribute in the program, on an instance of that
// class, a relative of it or an object of unknown type, stores one.
func holdsDoneFutures(p *asyncir.Program, a *asyncir.Op, depth int) bool {
	c := a.Recv.Type().Class
	if a.Recv.Type().Kind != asyncir.Instance || c == nil {
		return false
	}
	s := storesOf(p)
	if !s.project[c.Module] {
		return false
	}
	n := 0
	for _, st := range s.byAttr[a.Attr] {
		k := st.Recv.Type().Class
		if k != nil && !c.DerivesFrom(k) && !k.DerivesFrom(c) {
			continue
		}
		if k == nil || !st.Operand.IsNone() && !doneFuture(p, st.Operand, depth-1) {
			return false
		}
		n++
	}
	return n > 0 && !classLevelValue(c, a.Attr)
}

// classLevelValue reports whether c or a base binds name in its class
// body to anything but None: a default the instance stores never
// replace on some object.
func classLevelValue(c *asyncir.Class, name string) bool {
	for _, k := range c.Ancestry() {
		for _, f := range k.Module.Funcs {
			if f.QualName != k.QualName || f.Class != nil {
				continue
			}
			found := false
			f.Ops(func(o *asyncir.Op) {
				found = found || o.Kind == asyncir.OpStore && o.Recv == nil && o.Var == name && !o.Operand.IsNone()
			})
			if found {
				return true
			}
		}
	}
	return false
}
