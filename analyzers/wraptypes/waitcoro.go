package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// identityTests are the comparisons that ask "is this the object I
// passed in?".
var identityTests = map[string]bool{"in": true, "not in": true, "is": true, "is not": true, "==": true, "!=": true}

// checkWaitCoroutines reports AL403: asyncio.wait given coroutines, which
// it wraps in new tasks (deprecated since 3.8, TypeError from 3.11), and
// every later identity or membership test of an input coroutine against
// what asyncio.wait or asyncio.as_completed returned. An as_completed call
// itself is not reported: iterating it and awaiting each future is
// correct; only comparing identities is not.
func checkWaitCoroutines(pass *asyncir.Pass, op *asyncir.Op) {
	if op.External != "asyncio.wait" && op.External != "asyncio.as_completed" {
		return
	}
	arg := op.Arg(0, "fs")
	in := inputsOf(arg)
	if len(in.coros) == 0 {
		return
	}
	if op.External == "asyncio.wait" {
		sev, consequence := asyncir.SeverityWarning, "deprecated since 3.8 and a TypeError from Python 3.11"
		if pass.Config.TargetVersion >= 311 {
			sev, consequence = asyncir.SeverityError, "it raises TypeError on Python 3.11 and later"
		}
		pass.Report(asyncir.Diagnostic{Code: "AL403", Severity: sev, Range: arg.Def.Range,
			Message: fmt.Sprintf("`asyncio.wait` is given coroutines; it wraps them in new tasks, so `done`/`pending` never contain the objects passed in; %s; create tasks first with `asyncio.create_task`", consequence)})
	}
	tests := identityTestsAfter(op, in)
	related := []asyncir.Related{{Range: op.Range, Message: "the coroutines are wrapped in tasks here"}}
	for _, t := range tests {
		msg := ""
		switch {
		case t.Kind == asyncir.OpCompare:
			always := "False"
			if t.Compare() == "not in" || t.Compare() == "is not" || t.Compare() == "!=" {
				always = "True"
			}
			msg = fmt.Sprintf("`%s` compares a coroutine passed to `%s` with its results, which are new tasks wrapping it; the test is always %s", t.Compare(), op.External, always)
		case isLookup(t):
			msg = fmt.Sprintf("a result of `%s` is looked up in a mapping keyed by the coroutines passed to it; the results are new tasks wrapping them, so the key is never found", op.External)
		default:
			msg = fmt.Sprintf("set operation combines coroutines passed to `%s` with its results, which are new tasks wrapping them; they never overlap", op.External)
		}
		pass.Report(asyncir.Diagnostic{Code: "AL403", Severity: asyncir.SeverityError, Range: t.Range, Related: related, Message: msg})
	}
}

// isLookup reports a subscript or a get/pop call: a lookup by key.
func isLookup(op *asyncir.Op) bool {
	return op.Kind == asyncir.OpAttr || op.Kind == asyncir.OpCall && lookupMethods[op.Method]
}

var lookupMethods = map[string]bool{"get": true, "pop": true, "__getitem__": true}

// setMethods combine or compare two sets.
var setMethods = map[string]bool{
	"intersection": true, "difference": true, "symmetric_difference": true, "union": true,
	"issubset": true, "issuperset": true, "isdisjoint": true,
}

// matches reports whether op tests an input against what the call
// returned (root): an identity comparison, membership of a result in the
// input container, a set operation, or a lookup of a result in a mapping
// keyed by the inputs.
func (in inputs) matches(op *asyncir.Op, root *asyncir.Value) bool {
	derived := func(v *asyncir.Value) bool { return derivedFrom(v, root, 0) }
	switch {
	case op.Kind == asyncir.OpCompare && identityTests[op.Compare()] && len(op.Args) == 2:
		a, b := op.Args[0], op.Args[1]
		if in.isInput(a, 0) && derived(b) || in.isInput(b, 0) && derived(a) {
			return true
		}
		return (op.Compare() == "in" || op.Compare() == "not in") && derived(a) && in.isInputSet(b, 0)
	case op.Kind == asyncir.OpRef && op.Callee == nil && len(op.Args) == 2: // a binary operator
		a, b := op.Args[0], op.Args[1]
		return in.isInputSet(a, 0) && derived(b) || in.isInputSet(b, 0) && derived(a)
	case op.Kind == asyncir.OpCall && op.Recv != nil && setMethods[op.Method] && len(op.Args) == 1:
		a, b := op.Recv, op.Args[0]
		return in.isInputSet(a, 0) && derived(b) || in.isInputSet(b, 0) && derived(a)
	case op.Kind == asyncir.OpAttr && op.Attr == "" && len(op.Args) == 1, op.Kind == asyncir.OpCall && lookupMethods[op.Method] && len(op.Args) >= 1:
		return in.isContainer(op.Recv, 0) && derived(op.Args[0])
	}
	return false
}

// inputs are what a call was given: the coroutine values in the
// container and the container values themselves.
type inputs struct {
	coros, containers map[*asyncir.Value]bool
}

// inputsOf collects the coroutines of a container argument, through one
// local holding the container and locals holding its elements.
func inputsOf(arg *asyncir.Value) inputs {
	in := inputs{coros: map[*asyncir.Value]bool{}, containers: map[*asyncir.Value]bool{}}
	if arg == nil {
		return in
	}
	in.containers[arg] = true
	if d := arg.Def; d != nil && d.Kind == asyncir.OpLoad && !d.Global {
		for _, st := range d.Defs() {
			if st.Operand != nil {
				in.containers[st.Operand] = true
			}
		}
	}
	for _, e := range elements(arg) {
		if e == nil {
			continue
		}
		if e.Type().Await == asyncir.Coroutine {
			in.coros[e] = true
		}
		if d := e.Def; d != nil && d.Kind == asyncir.OpLoad && !d.Global {
			for _, st := range d.Defs() {
				if st.Operand != nil && st.Operand.Type().Await == asyncir.Coroutine {
					in.coros[st.Operand] = true
				}
			}
		}
	}
	return in
}

// identityTestsAfter finds the comparisons, reachable from the call, of
// an input with something derived from the call's result.
func identityTestsAfter(call *asyncir.Op, in inputs) []*asyncir.Op {
	var out []*asyncir.Op
	call.Func().Ops(func(op *asyncir.Op) {
		if !in.matches(op, call.Result) {
			return
		}
		if asyncir.ReachableWithout(call, op, "") {
			out = append(out, op)
		}
	})
	return out
}

const maxDepth = 8

// isInput reports whether v is one of the coroutines given: the value
// itself, a local holding it, an element taken from the container by
// index or by iteration.
func (in inputs) isInput(v *asyncir.Value, depth int) bool {
	if v == nil || depth > maxDepth {
		return false
	}
	if in.coros[v] {
		return true
	}
	d := v.Def
	if d == nil {
		return false
	}
	switch d.Kind {
	case asyncir.OpLoad:
		if d.Global {
			return false
		}
		for _, st := range d.Defs() {
			if in.isInput(st.Operand, depth+1) {
				return true
			}
		}
	case asyncir.OpAttr: // coros[0]
		return d.Attr == "" && in.isContainer(d.Recv, depth+1)
	case asyncir.OpRef: // for c in coros
		return d.Operand != nil && in.isContainer(d.Operand, depth+1)
	}
	return false
}

// isInputSet reports whether v holds input coroutines: the input
// container (or a copy made with set/list/frozenset/tuple), or a display
// with an input among its elements.
func (in inputs) isInputSet(v *asyncir.Value, depth int) bool {
	if v == nil || depth > maxDepth {
		return false
	}
	if in.isContainer(v, depth) {
		return true
	}
	for _, e := range v.Elems() {
		if in.isInput(e, depth+1) {
			return true
		}
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpCall && len(d.Args) == 1 {
		switch d.External {
		case "builtins.set", "builtins.frozenset", "builtins.list", "builtins.tuple":
			return in.isInputSet(d.Args[0], depth+1)
		}
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpLoad && !d.Global {
		for _, st := range d.Defs() {
			if in.isInputSet(st.Operand, depth+1) {
				return true
			}
		}
	}
	return false
}

func (in inputs) isContainer(v *asyncir.Value, depth int) bool {
	if v == nil || depth > maxDepth {
		return false
	}
	if in.containers[v] {
		return true
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpLoad && !d.Global {
		for _, st := range d.Defs() {
			if in.isContainer(st.Operand, depth+1) {
				return true
			}
		}
	}
	return false
}

// derivedFrom reports whether v is root or taken from it: awaited,
// unpacked, iterated, indexed, popped, or copied with list/set/sorted.
func derivedFrom(v, root *asyncir.Value, depth int) bool {
	if v == nil || depth > maxDepth {
		return false
	}
	if v == root {
		return true
	}
	d := v.Def
	if d == nil {
		return false
	}
	switch d.Kind {
	case asyncir.OpAwait:
		return derivedFrom(d.Operand, root, depth+1)
	case asyncir.OpRef:
		return d.Operand != nil && derivedFrom(d.Operand, root, depth+1)
	case asyncir.OpLoad:
		if d.Global {
			return false
		}
		for _, st := range d.Defs() {
			if derivedFrom(st.Operand, root, depth+1) {
				return true
			}
		}
	case asyncir.OpAttr:
		return d.Attr == "" && derivedFrom(d.Recv, root, depth+1)
	case asyncir.OpCall:
		if d.Recv != nil && (d.Method == "pop" || d.Method == "copy") {
			return derivedFrom(d.Recv, root, depth+1)
		}
		switch d.External {
		case "builtins.list", "builtins.set", "builtins.sorted", "builtins.next", "builtins.iter", "builtins.tuple":
			return len(d.Args) > 0 && derivedFrom(d.Args[0], root, depth+1)
		}
	}
	return false
}
