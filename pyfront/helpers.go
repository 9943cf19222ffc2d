package pyfront

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// The fast path lowers the synchronous helpers of async code, so blocking
// calls can be followed into them (blockingcall's AL202): the functions an
// async module calls in other modules, the functions those reach inside
// their own module, and what they call in turn. Only the functions reached
// pull further modules in, so a helper module's unrelated imports stay
// skipped.

// helperSet records, per module, the names other lowered code calls in it
// ("" stands for "any": the module itself is called, or every function of
// an async module counts).
type helperSet map[string]map[string]bool

// add records that module is asked for name.
func (h helperSet) add(module, name string) bool {
	m := h[module]
	if m == nil {
		m = map[string]bool{}
		h[module] = m
	}
	if m[name] {
		return false
	}
	m[name] = true
	return true
}

// callTargets returns the dotted names ("store.clean", "shop.db.query")
// that the functions of mi reached from entries call in other modules;
// entries nil (or holding "") means every function. Module-level and
// class-level code is not a function and runs at import, not on the loop.
func callTargets(mi *moduleInfo, entries map[string]bool, root bool) []string {
	if mi.lazy == nil {
		return reachTargets(mi, entries, root, func(string, bool) {})
	}
	// An on-demand module (lazy.go): define what the walk reaches until
	// it reaches nothing new.
	if entries[""] {
		mi.defineAll()
	}
	for name := range entries {
		mi.define(name)
	}
	for {
		n := len(mi.funcs)
		out := reachTargets(mi, entries, root, func(name string, method bool) {
			if method {
				mi.defineMethod(name)
			} else {
				mi.define(name)
			}
		})
		if len(mi.funcs) == n {
			return out
		}
	}
}

// reachTargets is one walk of callTargets over the functions lowered so
// far; want is told each name the walk looks up (method or module-level).
func reachTargets(mi *moduleInfo, entries map[string]bool, root bool, want func(name string, method bool)) []string {
	all := entries[""]
	// Classes with async methods: all their methods count, since any of
	// them may set up the attributes the async ones call through.
	asyncClass := map[*asyncir.Class]bool{}
	for _, fi := range mi.funcs {
		if fi.f.Class != nil && fi.f.IsAsync() {
			asyncClass[fi.f.Class] = true
		}
	}
	// The maps are sized for the module's functions: grown from empty, a
	// generated module's (tens of thousands of functions) were most of
	// the garbage when parsing ends.
	byFunc := make(map[*asyncir.Func][]*asyncir.Op, len(mi.funcs))
	for _, c := range mi.calls {
		byFunc[c.Block.Func] = append(byFunc[c.Block.Func], c)
	}
	children := map[*asyncir.Func][]*asyncir.Func{}
	for _, fi := range mi.funcs {
		if fi.f.Parent != nil {
			children[fi.f.Parent] = append(children[fi.f.Parent], fi.f)
		}
	}
	defs := make(map[string][]*asyncir.Func, len(mi.funcs)) // module-level name → functions it runs
	methods := map[string][]*asyncir.Func{}                 // method name → methods of the module's classes
	for _, fi := range mi.funcs {
		f := fi.f
		switch {
		case fi.isModule || fi.isClass:
		case f.Class != nil:
			methods[f.Name] = append(methods[f.Name], f)
			if f.Class.Name == f.Class.QualName {
				defs[f.Class.Name] = append(defs[f.Class.Name], f)
			}
		case f.Parent == mi.mod.Body:
			defs[f.Name] = append(defs[f.Name], f)
		}
	}
	reached := map[*asyncir.Func]bool{}
	var todo []*asyncir.Func
	reach := func(fs []*asyncir.Func) {
		for _, f := range fs {
			if !reached[f] {
				reached[f] = true
				todo = append(todo, f)
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	target := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, fi := range mi.funcs {
		f := fi.f
		switch {
		case fi.isModule || fi.isClass:
		case all:
			reach([]*asyncir.Func{f})
		case root && (f.IsAsync() || f.Kind == asyncir.LegacyCoroutine || f.Class != nil && (loopCallbackName(f.Name) || asyncClass[f.Class])):
			// What the loop runs: coroutines and protocol callbacks.
			reach([]*asyncir.Func{f})
		}
	}
	for name := range entries {
		if fs := defs[name]; len(fs) > 0 {
			reach(fs)
		} else if g := mi.globals[name]; g != nil && g.module != "" {
			target(g.module) // a re-export: "from .impl import clean"
		}
	}
	// A reached class's methods may be inherited from bases elsewhere.
	for _, ci := range mi.classes {
		if !all && !entries[ci.cls.Name] && !asyncClass[ci.cls] {
			continue
		}
		for _, b := range ci.bases {
			if t := dotted(mi, b); t != "" {
				target(t)
			}
		}
	}
	for len(todo) > 0 {
		f := todo[0]
		todo = todo[1:]
		// Functions handed on (callbacks, thread targets) may run too.
		f.Ops(func(op *asyncir.Op) {
			switch {
			case op.Kind == asyncir.OpLoad && op.Global:
				want(op.Var, false)
				reach(defs[op.Var])
			case op.Kind == asyncir.OpAttr && op.Attr != "":
				want(op.Attr, true)
				reach(methods[op.Attr])
			}
		})
		for _, call := range byFunc[f] {
			t, local, method := callee(mi, call)
			switch {
			case t != "":
				target(t)
			case method != "":
				want(method, true)
				reach(methods[method])
			case local != "":
				want(local, false)
				reach(defs[local])
			}
		}
		// Nested functions and lambdas run when their parent hands them on.
		reach(children[f])
	}
	return out
}

// callee classifies what a call calls: an imported name (its dotted
// target), a module-level name of this module, or a method by name.
func callee(mi *moduleInfo, call *asyncir.Op) (target, local, method string) {
	s := mi.symOf(call.Result)
	if s == nil || s.kind != symCall {
		return "", "", ""
	}
	// Walk the callee expression down to its first name, keeping the
	// attributes: store.clean → name "store", attrs ["clean"].
	var attrs []string
	if s.name != "" {
		attrs = append(attrs, s.name)
	}
	b := mi.symOf(s.base)
	for b != nil && b.kind == symAttr {
		attrs = append(attrs, b.name)
		b = mi.symOf(b.base)
	}
	switch {
	case b != nil && b.kind == symModule:
		target = b.name
	case b != nil && b.kind == symName:
		target = importedName(mi, b)
		if target == "" && len(attrs) == 0 {
			return "", b.name, ""
		}
	}
	if target == "" {
		if s.name != "" {
			return "", "", s.name
		}
		return "", "", ""
	}
	for i := len(attrs) - 1; i >= 0; i-- {
		target += "." + attrs[i]
	}
	return target, "", ""
}

// dotted is the imported dotted name an expression denotes (a base class
// "models.Base" or "Base" from "from models import Base"), or "".
func dotted(mi *moduleInfo, v *asyncir.Value) string {
	var attrs []string
	b := mi.symOf(v)
	for b != nil && b.kind == symAttr {
		attrs = append(attrs, b.name)
		b = mi.symOf(b.base)
	}
	if b == nil || b.kind != symName {
		return ""
	}
	t := importedName(mi, b)
	if t == "" {
		return ""
	}
	for i := len(attrs) - 1; i >= 0; i-- {
		t += "." + attrs[i]
	}
	return t
}

// importedName is the dotted target of an imported name as seen from the
// name's scope: a function-level import first, then a module-level one.
func importedName(mi *moduleInfo, s *sym) string {
	for fi := s.scope; fi != nil && !fi.isModule; fi = fi.parent {
		for _, v := range fi.stores.get(s.name) {
			if vs := mi.symOf(v); vs != nil && vs.kind == symModule {
				return vs.name
			}
		}
	}
	if g := mi.globals[s.name]; g != nil {
		return g.module
	}
	return ""
}

// splitTarget splits a dotted target into the longest module name the
// program has and the first name asked of it ("" for the module itself).
func splitTarget(t string, modules map[string]bool) (module, name string, ok bool) {
	for m := t; m != ""; {
		if modules[m] {
			rest := strings.TrimPrefix(strings.TrimPrefix(t, m), ".")
			name, _, _ = strings.Cut(rest, ".")
			return m, name, true
		}
		i := strings.LastIndexByte(m, '.')
		if i < 0 {
			break
		}
		m = m[:i]
	}
	return "", "", false
}

// loopCallbackNames are the asyncio protocol callbacks the loop calls.
var loopCallbackNames = []string{"connection_made", "connection_lost", "data_received", "eof_received",
	"pause_writing", "resume_writing", "get_buffer", "buffer_updated",
	"datagram_received", "error_received", "pipe_data_received",
	"pipe_connection_lost", "process_exited"}

// loopCallbackName reports whether a method name is one of the asyncio
// protocol callbacks the loop calls.
func loopCallbackName(name string) bool {
	return slices.Contains(loopCallbackNames, name)
}

// importsAsyncio reports whether a module imports asyncio: its synchronous
// functions may be loop callbacks or protocol methods (AL203), so all of
// them count, as for a module with async functions.
func importsAsyncio(m *asyncir.Module) bool {
	for _, imp := range m.Imports {
		if imp.Module == "asyncio" || strings.HasPrefix(imp.Module, "asyncio.") {
			return true
		}
	}
	return false
}
