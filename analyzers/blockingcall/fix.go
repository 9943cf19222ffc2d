package blockingcall

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// fixes offers, for a blocking call in a coroutine, the rewrite of
// time.sleep(x) into await asyncio.sleep(x) (adding "import asyncio" when
// the module lacks it, removing "from time import sleep" when the rewrite
// leaves it unused), and otherwise a display-only suggestion.
func fixes(m *asyncir.Module, f *asyncir.Func, op *asyncir.Op, api *asyncir.APIModel) []asyncir.Fix {
	if api.Name == "time.sleep" {
		if fx, ok := sleepFix(m, f, op); ok {
			return []asyncir.Fix{fx}
		}
	}
	title := fmt.Sprintf("Run `%s` in a worker thread: `await asyncio.to_thread(%s, …)`", shortAPI(api.Name), shortAPI(api.Name))
	if api.Replacement != "" && api.Name != "time.sleep" {
		title = fmt.Sprintf("Use `%s` instead of `%s`", shortAPI(api.Replacement), shortAPI(api.Name))
	}
	return []asyncir.Fix{{Title: title, Applicability: asyncir.DisplayOnly}}
}

// sleepFix rewrites time.sleep(x) or sleep(x) (from time import sleep)
// when the call is a plain statement or expression of a coroutine (await
// is valid there) and the name asyncio is free or already the module. It
// is unsafe: some code blocks the loop on purpose (to hold every other
// task still for a moment), and the rewrite lets other tasks run there.
func sleepFix(m *asyncir.Module, f *asyncir.Func, op *asyncir.Op) (asyncir.Fix, bool) {
	name, needImport, ok := asyncioName(m)
	if !ok {
		return asyncir.Fix{}, false
	}
	edit, ok := sleepRewrite(f, op, name)
	if !ok {
		return asyncir.Fix{}, false
	}
	edits := []asyncir.Edit{edit}
	if needImport {
		at := asyncir.Range{File: op.Range.File, Start: m.ImportInsert, End: m.ImportInsert}
		edits = append([]asyncir.Edit{{Range: at, NewText: "import asyncio\n"}}, edits...)
	}
	if rm, ok := unusedSleepImport(m, name); ok {
		edits = append(edits, rm)
	}
	return asyncir.Fix{Title: "Replace `time.sleep` with `await asyncio.sleep`", Applicability: asyncir.Unsafe, Edits: edits}, true
}

// sleepRewrite is the one edit of the rewrite: the receiver (time) or
// callee (sleep) starts the call, so replacing it with "await asyncio" /
// "await asyncio.sleep" rewrites the call without touching its arguments.
func sleepRewrite(f *asyncir.Func, op *asyncir.Op, asyncio string) (asyncir.Edit, bool) {
	if f.Kind != asyncir.CoroutineFunc && f.Kind != asyncir.AsyncGenerator {
		return asyncir.Edit{}, false
	}
	var target *asyncir.Value
	text := "await " + asyncio
	switch callee := calleeValue(op); {
	case op.Recv != nil && op.Recv.Def.Kind == asyncir.OpLoad && op.Recv.Type().Kind == asyncir.ModuleObj && op.Recv.Type().External == "time":
		target = op.Recv
	case op.Recv == nil && callee != nil && callee.Def.Kind == asyncir.OpLoad:
		target, text = callee, text+".sleep"
	}
	if target == nil || target.Def.Range.Start.Offset != op.Range.Start.Offset || awaited(op.Result) {
		return asyncir.Edit{}, false
	}
	return asyncir.Edit{Range: target.Def.Range, NewText: text}, true
}

// unusedSleepImport is the deletion of a top-level "from time import
// sleep" line when every use of the name is a call the rewrite replaces
// (none suppressed, none elsewhere): each rewrite's fix carries the same
// deletion, so applying them all leaves no dangling import. Only a
// statement alone on its line, importing sleep alone, is deleted.
func unusedSleepImport(m *asyncir.Module, asyncio string) (asyncir.Edit, bool) {
	var imp *asyncir.Import
	for i := range m.Imports {
		x := &m.Imports[i]
		if x.Module == "time" && x.Name == "sleep" && x.Alias == "sleep" {
			if imp != nil {
				return asyncir.Edit{}, false // imported twice
			}
			imp = x
		}
	}
	if imp == nil {
		return asyncir.Edit{}, false
	}
	line := int(imp.Range.Start.Line) // 1-based
	if line != int(imp.Range.End.Line) || line >= len(m.LineStarts) || line-1 >= len(m.Indents) || m.Indents[line-1] != "" {
		return asyncir.Edit{}, false
	}
	start, next := m.LineStarts[line-1], m.LineStarts[line]
	if end := int(imp.Range.End.Offset); end != next-1 && end != next-2 {
		return asyncir.Edit{}, false // something follows the name on its line
	}
	for _, other := range m.Imports {
		if int(other.Range.Start.Line) == line && other.Range != imp.Range {
			return asyncir.Edit{}, false
		}
	}
	suppressed := map[int]bool{}
	for _, s := range m.Suppressions {
		suppressed[s.Line] = true
	}
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, op := range b.Ops {
				if op.Var != "sleep" {
					continue
				}
				switch op.Kind {
				case asyncir.OpStore:
					if op.Range != imp.Range {
						return asyncir.Edit{}, false // rebound elsewhere
					}
				case asyncir.OpLoad:
					call := callOf(op.Result)
					if call == nil || suppressed[int(call.Range.Start.Line)] {
						return asyncir.Edit{}, false
					}
					if _, ok := sleepRewrite(fn, call, asyncio); !ok {
						return asyncir.Edit{}, false
					}
				}
			}
		}
	}
	at := func(off int) asyncir.Pos {
		l := slices.Index(m.LineStarts, off)
		return asyncir.MakePos(l+1, 1, off)
	}
	return asyncir.Edit{Range: asyncir.Range{File: imp.Range.File, Start: at(start), End: at(next)}}, true
}

// callOf is the call that calls v (v is its callee), or nil when v is
// used any other way.
func callOf(v *asyncir.Value) *asyncir.Op {
	if v == nil || len(v.Uses) != 1 || v.Uses[0].Kind != asyncir.UseRecv {
		return nil
	}
	if op := v.Uses[0].Op; op.Kind == asyncir.OpCall && op.Recv == nil {
		return op
	}
	return nil
}

// asyncioName is the name the module binds asyncio to at top level; when
// there is none, "asyncio" with needImport set. ok is false when the name
// asyncio is bound to something else.
func asyncioName(m *asyncir.Module) (name string, needImport, ok bool) {
	clash := false
	for _, imp := range m.Imports {
		top := int(imp.Range.Start.Line)-1 < len(m.Indents) && m.Indents[imp.Range.Start.Line-1] == ""
		isModule := imp.Name == "" && (imp.Module == "asyncio" || len(imp.Module) > 8 && imp.Module[:8] == "asyncio.")
		switch {
		case isModule && top && imp.Alias != "" && (imp.Module == "asyncio" || imp.Alias == "asyncio"):
			return imp.Alias, false, true
		case imp.Alias == "asyncio":
			clash = true
		}
	}
	return "asyncio", true, !clash
}

// calleeValue is the value a non-method call calls (the load of sleep in
// sleep(1)); the lowering records it as a receiver use of the call.
func calleeValue(op *asyncir.Op) *asyncir.Value {
	for _, prev := range op.Block.Ops[:op.Index] {
		if v := prev.Result; v != nil {
			for _, u := range v.Uses {
				if u.Op == op && u.Kind == asyncir.UseRecv {
					return v
				}
			}
		}
	}
	return nil
}

// awaited reports whether the call's value is already awaited (await
// time.sleep(1) is a TypeError the fix must not make worse).
func awaited(v *asyncir.Value) bool {
	for _, u := range v.Uses {
		if u.Kind == asyncir.UseAwait {
			return true
		}
	}
	return false
}
