package pyfront

import "strings"

// calledModules lists the modules a lowered module calls into: for each
// call, the module its callee is reached through ("store" for
// store.clean(), "shop.db" for "from shop.db import query; query()"), with
// every parent package. The fast path lowers these synchronous helpers of
// async modules so blocking calls can be followed into them; imports used
// only for constants, exceptions or annotations pull nothing.
func calledModules(mi *moduleInfo) []string {
	seen := map[string]bool{}
	var out []string
	add := func(dotted string) {
		for dotted != "" && !seen[dotted] {
			seen[dotted] = true
			out = append(out, dotted)
			i := strings.LastIndexByte(dotted, '.')
			if i < 0 {
				break
			}
			dotted = dotted[:i]
		}
	}
	for _, call := range mi.calls {
		s := mi.syms[call.Result]
		if s == nil || s.kind != symCall {
			continue
		}
		// Walk the callee expression down to its first name, keeping the
		// attributes: store.clean → name "store", attrs ["clean"].
		var attrs []string
		if s.name != "" {
			attrs = append(attrs, s.name)
		}
		b := mi.syms[s.base]
		for b != nil && b.kind == symAttr {
			attrs = append(attrs, b.name)
			b = mi.syms[b.base]
		}
		if b == nil {
			continue
		}
		target := ""
		switch b.kind {
		case symModule:
			target = b.name
		case symName:
			target = importedName(mi, b)
		}
		if target == "" {
			continue
		}
		for i := len(attrs) - 1; i >= 0; i-- {
			target += "." + attrs[i]
		}
		add(target)
	}
	return out
}

// importedName is the dotted target of an imported name as seen from the
// name's scope: a function-level import first, then a module-level one.
func importedName(mi *moduleInfo, s *sym) string {
	for fi := s.scope; fi != nil && !fi.isModule; fi = fi.parent {
		for _, v := range fi.stores[s.name] {
			if vs := mi.syms[v]; vs != nil && vs.kind == symModule {
				return vs.name
			}
		}
	}
	if g := mi.globals[s.name]; g != nil {
		return g.module
	}
	return ""
}
