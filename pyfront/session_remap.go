package pyfront

import "github.com/asynclint/asynclint/asyncir"

// Moving other modules' references from a module's old functions and
// classes to the new ones, for Session.Update.

// matchDefinitions pairs old's functions and classes with mi's by
// qualified name and order; it fails when a definition was added,
// removed or renamed.
func matchDefinitions(old, mi *moduleInfo) (map[*asyncir.Func]*asyncir.Func, map[*asyncir.Class]*asyncir.Class, string) {
	if len(old.mod.Funcs) != len(mi.mod.Funcs) || len(old.mod.Classes) != len(mi.mod.Classes) {
		return nil, nil, "a definition was added or removed"
	}
	fm := make(map[*asyncir.Func]*asyncir.Func, len(old.mod.Funcs))
	for i, f := range old.mod.Funcs {
		g := mi.mod.Funcs[i]
		if f.QualName != g.QualName || f.Kind != g.Kind {
			return nil, nil, "a definition changed: " + f.QualName
		}
		fm[f] = g
	}
	cm := make(map[*asyncir.Class]*asyncir.Class, len(old.mod.Classes))
	for i, c := range old.mod.Classes {
		d := mi.mod.Classes[i]
		if c.QualName != d.QualName {
			return nil, nil, "a class changed: " + c.QualName
		}
		cm[c] = d
	}
	return fm, cm, ""
}

// remapModule moves m's references to the functions and classes of the
// module old (fm and cm) to their replacements.
func remapModule(m, old *asyncir.Module, fm map[*asyncir.Func]*asyncir.Func, cm map[*asyncir.Class]*asyncir.Class) {
	r := remapper{old: old, fm: fm, cm: cm}
	for _, f := range m.Funcs {
		r.typ(&f.CallResult)
		for _, p := range f.Params {
			r.typ(&p.Type)
		}
		for _, b := range f.Blocks {
			for _, op := range b.Ops {
				if op.Callee != nil && op.Callee.Module == old {
					op.Callee = fm[op.Callee]
				}
				if op.Class() != nil && op.Class().Module == old {
					op.SetClass(cm[op.Class()])
				}
				if op.Result != nil {
					t := op.Result.Type()
					r.typ(&t)
					op.Result.SetType(t)
				}
			}
		}
	}
	for _, c := range m.Classes {
		for i, b := range c.Bases {
			if b.Module == old {
				c.Bases[i] = cm[b]
			}
		}
		for name, t := range c.Attrs {
			if r.typ(&t) {
				c.Attrs[name] = t
			}
		}
	}
}

// remapper rewrites types that name the old module's definitions (a
// module's own objects say which module they belong to, so most types are
// passed over without a map lookup).
type remapper struct {
	old *asyncir.Module
	fm  map[*asyncir.Func]*asyncir.Func
	cm  map[*asyncir.Class]*asyncir.Class
}

// typ rewrites t in place and reports whether it changed.
func (r remapper) typ(t *asyncir.Type) bool {
	changed := false
	if t.Func != nil && t.Func.Module == r.old {
		t.Func, changed = r.fm[t.Func], true
	}
	if t.Origin != nil && t.Origin.Module == r.old {
		t.Origin, changed = r.fm[t.Origin], true
	}
	if t.Class != nil && t.Class.Module == r.old {
		t.Class, changed = r.cm[t.Class], true
	}
	for _, p := range []**asyncir.Type{&t.Elem, &t.Result} {
		if *p == nil {
			continue
		}
		c := **p
		if r.typ(&c) {
			*p, changed = &c, true
		}
	}
	return changed
}
