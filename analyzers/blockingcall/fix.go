package blockingcall

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// fixes offers, for a blocking call in a coroutine, the safe rewrite of
// time.sleep(x) into await asyncio.sleep(x) (adding "import asyncio" when
// the module lacks it), and otherwise a display-only suggestion.
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
// is valid there) and the name asyncio is free or already the module.
func sleepFix(m *asyncir.Module, f *asyncir.Func, op *asyncir.Op) (asyncir.Fix, bool) {
	if f.Kind != asyncir.CoroutineFunc && f.Kind != asyncir.AsyncGenerator {
		return asyncir.Fix{}, false
	}
	name, needImport, ok := asyncioName(m)
	if !ok {
		return asyncir.Fix{}, false
	}
	// One edit: the receiver (time) or callee (sleep) starts the call, so
	// replacing it with "await asyncio" / "await asyncio.sleep" rewrites
	// the call without touching its arguments.
	var target *asyncir.Value
	text := "await " + name
	switch callee := calleeValue(op); {
	case op.Recv != nil && op.Recv.Def.Kind == asyncir.OpLoad && op.Recv.Type.Kind == asyncir.ModuleObj && op.Recv.Type.External == "time":
		target = op.Recv
	case op.Recv == nil && callee != nil && callee.Def.Kind == asyncir.OpLoad:
		target, text = callee, text+".sleep"
	}
	if target == nil || target.Def.Range.Start.Offset != op.Range.Start.Offset || awaited(op.Result) {
		return asyncir.Fix{}, false
	}
	edits := []asyncir.Edit{{Range: target.Def.Range, NewText: text}}
	if needImport {
		at := asyncir.Range{File: op.Range.File, Start: m.ImportInsert, End: m.ImportInsert}
		edits = append([]asyncir.Edit{{Range: at, NewText: "import asyncio\n"}}, edits...)
	}
	return asyncir.Fix{Title: "Replace `time.sleep` with `await asyncio.sleep`", Applicability: asyncir.Safe, Edits: edits}, true
}

// asyncioName is the name the module binds asyncio to at top level; when
// there is none, "asyncio" with needImport set. ok is false when the name
// asyncio is bound to something else.
func asyncioName(m *asyncir.Module) (name string, needImport, ok bool) {
	clash := false
	for _, imp := range m.Imports {
		top := imp.Range.Start.Line-1 < len(m.Indents) && m.Indents[imp.Range.Start.Line-1] == ""
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
