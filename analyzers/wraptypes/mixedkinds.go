package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkMixedKinds reports AL402: an asyncio future given to
// concurrent.futures.wait/as_completed, or a concurrent.futures future
// given to asyncio.wait/gather/as_completed/wait_for/shield/ensure_future.
func checkMixedKinds(pass *asyncir.Pass, op *asyncir.Op) {
	api := pass.Program.Models.API(op.External)
	if api == nil || api.Takes == asyncir.NotAwaitable {
		return
	}
	for _, v := range futureArgs(op, api.TakesShape) {
		if v == nil { // a literal
			continue
		}
		k := v.Type().Await
		if elem := v.Type().Elem; elem != nil && k == asyncir.NotAwaitable {
			k = elem.Await
		}
		wrong := api.Takes == asyncir.AsyncioFuture && k == asyncir.ConcurrentFuture ||
			api.Takes == asyncir.ConcurrentFuture && k == asyncir.AsyncioFuture
		if !wrong {
			continue
		}
		consequence := "it only handles asyncio awaitables and fails (TypeError, or AttributeError in asyncio.wait); wrap it with `asyncio.wrap_future()`"
		if api.Takes == asyncir.ConcurrentFuture {
			consequence = "it only handles concurrent.futures futures and fails with AttributeError; use `asyncio.wait` or `asyncio.as_completed`"
		}
		// Point at the element when it is written in the call, else at
		// the argument that carries it.
		rng := op.Range
		if v.Def != nil && op.Range.Contains(v.Def.Range) {
			rng = v.Def.Range
		} else if a := op.Arg(0, ""); a != nil && a.Def != nil && op.Range.Contains(a.Def.Range) {
			rng = a.Def.Range
		}
		pass.Report(asyncir.Diagnostic{Code: "AL402", Severity: asyncir.SeverityError, Range: rng,
			Message: fmt.Sprintf("`%s` is given %s %s; %s", short(api.Name), k, describe(v), consequence)})
	}
}

// futureArgs are the values in the future positions of a call: for an
// iterable, its displayed elements or, failing those, the iterable
// itself (whose element type is checked).
func futureArgs(op *asyncir.Op, shape asyncir.TakesShape) []*asyncir.Value {
	var out []*asyncir.Value
	switch shape {
	case asyncir.TakesFirst:
		if v := op.Arg(0, ""); v != nil {
			out = append(out, v)
		}
	case asyncir.TakesIterable:
		v := op.Arg(0, "fs")
		if v == nil {
			return nil
		}
		if els := elements(v); len(els) > 0 {
			return els
		}
		if v.Type().Elem != nil {
			out = append(out, v)
		}
	case asyncir.TakesVarargs:
		for _, v := range op.Args {
			if v == nil {
				continue
			}
			if op.Star && v.Type().Elem != nil {
				if els := elements(v); len(els) > 0 {
					out = append(out, els...)
					continue
				}
			}
			out = append(out, v)
		}
	}
	return out
}

// elements are the element values of a container display, directly or
// through one local whose every reaching store is a display.
func elements(v *asyncir.Value) []*asyncir.Value {
	if v == nil {
		return nil
	}
	if len(v.Elems()) > 0 {
		return v.Elems()
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpLoad && !d.Global && len(d.Defs()) > 0 {
		var out []*asyncir.Value
		for _, st := range d.Defs() {
			if st.Operand == nil || len(st.Operand.Elems()) == 0 {
				return nil
			}
			out = append(out, st.Operand.Elems()...)
		}
		return out
	}
	return nil
}
