package pyfront

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// What other modules can read of a module, for Session.Update: its
// rendered interface, and the ways modules reach each other's globals.

// moduleFacts are a module's attribute names, uses and library demands.
type moduleFacts struct {
	attrs   map[string]bool
	uses    map[string]bool
	demands map[string]int
}

// factsOf returns mi's facts; its uses are read from mi's linked types,
// so they are asked for only once mi is linked.
func (s *Session) factsOf(mi *moduleInfo) *moduleFacts {
	if f := s.facts[mi]; f != nil {
		return f
	}
	f := &moduleFacts{attrs: attrNames(mi)}
	s.facts[mi] = f
	return f
}

func (s *Session) usesOf(mi *moduleInfo) map[string]bool {
	f := s.factsOf(mi)
	if f.uses == nil {
		f.uses = usesOf(mi, f.attrs)
	}
	return f.uses
}

// count adds (sign 1) or removes (-1) mi's uses.
func (s *Session) count(mi *moduleInfo, sign int) {
	f := s.factsOf(mi)
	for k := range s.usesOf(mi) {
		s.uses[k] += sign
	}
	if !mi.library {
		for name := range f.attrs {
			s.projectAttrs[name] += sign
		}
	}
	if sign < 0 {
		delete(s.facts, mi)
	}
}

// attrNames are the attribute and method names mi uses (what the library
// loader's used set takes from it).
func attrNames(mi *moduleInfo) map[string]bool {
	out := map[string]bool{}
	for _, sy := range mi.syms {
		if sy != nil && (sy.kind == symAttr || sy.kind == symCall && sy.name != "") {
			out[sy.name] = true
		}
	}
	return out
}

// usesOf are the ways mi reaches other modules' globals by name, once it
// is linked: "^"+module+"."+name for an attribute of a value typed as
// that module, "="+target for an import or a dotted module name,
// "*"+module for a star import, and "."+name for what is read without
// types (a library module's attributes, a dotted annotation's last part).
func usesOf(mi *moduleInfo, attrs map[string]bool) map[string]bool {
	out := map[string]bool{}
	if mi.library {
		for name := range attrs { // a library's ops are not typed
			out["."+name] = true
		}
	}
	for _, sy := range mi.syms {
		switch {
		case sy == nil:
		case sy.kind == symModule:
			out["="+sy.name] = true
		case sy.kind == symAttr || sy.kind == symCall && sy.name != "":
			if b := sy.base; b != nil && b.Type().Kind == asyncir.ModuleObj && b.Type().External != "" {
				out["^"+b.Type().External+"."+sy.name] = true
			}
		}
	}
	for _, b := range mi.globals {
		if b.module != "" {
			out["="+b.module] = true
		}
	}
	annot := func(a *annotation) {
		if a == nil {
			return
		}
		for _, n := range a.names {
			if i := strings.LastIndexByte(n, '.'); i >= 0 {
				out["."+n[i+1:]] = true
			}
		}
	}
	for _, fi := range mi.funcs {
		for _, ps := range fi.paramSym {
			annot(ps.annot)
		}
		annot(fi.retAnnot)
	}
	for _, ci := range mi.classes {
		for _, a := range ci.annots {
			annot(a)
		}
	}
	for _, st := range mi.star {
		out["*"+st] = true
	}
	return out
}

// readByOthers reports whether a module other than mi may read mi's
// global name: as an attribute of mi, by an import of it, or by a star
// import.
// modNames are the names mi is known by (its own and its aliases).
func (s *Session) readByOthers(modNames []string, own map[string]bool, name string) bool {
	others := func(k string) bool {
		n := s.uses[k]
		if own[k] {
			n--
		}
		return n > 0
	}
	if others("." + name) {
		return true
	}
	for _, k := range modNames {
		if others("^"+k+"."+name) || others("="+k+"."+name) || others("*"+k) {
			return true
		}
	}
	return false
}

// render spells what other modules can read of mi (see Session), with its
// own functions and classes named by qualified name and order and other
// modules' by identity.
func (s *Session) render(mi *moduleInfo, sizeHint int) string {
	ids := map[any]string{}
	for i, f := range mi.mod.Funcs {
		ids[f] = fmt.Sprintf("F%d:%s", i, f.QualName)
	}
	for i, c := range mi.mod.Classes {
		ids[c] = fmt.Sprintf("C%d:%s", i, c.QualName)
	}
	id := func(x any) string {
		switch v := x.(type) {
		case *asyncir.Func:
			if v == nil {
				return "-"
			}
		case *asyncir.Class:
			if v == nil {
				return "-"
			}
		}
		if n, ok := ids[x]; ok {
			return n
		}
		return fmt.Sprintf("%p", x)
	}
	var typ func(t asyncir.Type) string
	typ = func(t asyncir.Type) string {
		out := fmt.Sprintf("{%d %s %s %s %d %s %s", t.Kind, id(t.Class), id(t.Func), t.External, t.Await, id(t.Origin), t.OriginName)
		if t.Elem != nil {
			out += " elem " + typ(*t.Elem)
		}
		if t.Result != nil {
			out += " result " + typ(*t.Result)
		}
		return out + "}"
	}
	var b strings.Builder
	b.Grow(sizeHint)
	w := s.lk.worker()
	own := s.usesOf(mi)
	var modNames []string
	for k, x := range s.set.infos {
		if x == mi {
			modNames = append(modNames, k)
		}
	}
	fmt.Fprintf(&b, "star %v\n", mi.star)
	for _, name := range sortedKeys(mi.globals) {
		if !s.readByOthers(modNames, own, name) {
			continue
		}
		g := mi.globals[name]
		fmt.Fprintf(&b, "global %s fn=%s cls=%s module=%s conflict=%v overload=%v values=%d type=%s\n",
			name, id(g.fn), id(g.cls), g.module, g.conflict, g.fnOverload, len(g.values), typ(w.moduleGlobal(mi, name)))
	}
	for _, ci := range mi.classes {
		c := ci.cls
		fmt.Fprintf(&b, "class %s external=%v unknown=%v bases=", id(c), c.ExternalBases, c.UnknownBases)
		for _, base := range c.Bases {
			b.WriteString(id(base) + " ")
		}
		for _, name := range sortedKeys(c.Methods) {
			fmt.Fprintf(&b, " method %s=%s", name, id(c.Methods[name]))
		}
		for _, name := range sortedKeys(c.Attrs) {
			fmt.Fprintf(&b, " attr %s=%s", name, typ(c.Attrs[name]))
		}
		fmt.Fprintf(&b, " attrs=%v annots=%v enter=%s\n", sortedKeys(ci.attrs), sortedKeys(ci.annots), typ(w.enterResult(asyncir.Type{Kind: asyncir.Instance, Class: c})))
	}
	for _, fi := range mi.funcs {
		f := fi.f
		fmt.Fprintf(&b, "func %s parent=%s class=%s static=%v classmeth=%v property=%v decorators=%v result=%s bare=%v",
			id(f), id(f.Parent), id(f.Class), f.Static, f.ClassMeth, f.Property, f.Decorators, typ(f.CallResult), fi.bareRet)
		for _, p := range f.Params {
			fmt.Fprintf(&b, " param %s/%d/%s=%s", p.Name, p.Kind, p.Default, typ(p.Type))
		}
		if fi.retAnnot != nil {
			fmt.Fprintf(&b, " annot %v", fi.retAnnot.names)
		}
		if fi.selfAnnot != nil {
			fmt.Fprintf(&b, " self %v", fi.selfAnnot.names)
		}
		if len(f.Params) > 0 {
			fmt.Fprintf(&b, " stores0=%d", len(fi.stores.get(f.Params[0].Name)))
		}
		if !returnsRead(mi, fi) {
			b.WriteString("\n")
			continue
		}
		for _, rv := range fi.returns {
			b.WriteString(" return ")
			if rv == nil {
				b.WriteString("nil")
				continue
			}
			if sy := mi.symOf(rv); sy != nil {
				fmt.Fprintf(&b, "%d/%s", sy.kind, sy.name)
				if bs := mi.symOf(sy.base); bs != nil {
					fmt.Fprintf(&b, "/%d/%s/%v", bs.kind, bs.name, bs.scope == fi)
				}
			}
			b.WriteString(typ(rv.Type()))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// returnsRead reports whether linking reads what fi's return statements
// return, rather than only what calling fi gives: for a synchronous or
// legacy coroutine function (agreeReturns), a decorator and its wrappers (projectDecorator,
// returnsCallOf), __aenter__ and __enter__ (returnsSelf), and a function
// whose call result is unknown (selfDispatch). A coroutine function's
// returns are otherwise its own business: an await added or removed in a
// return statement does not change the module's interface.
func returnsRead(mi *moduleInfo, fi *funcInfo) bool {
	f := fi.f
	return f.Kind == asyncir.Sync || f.Kind == asyncir.LegacyCoroutine || len(fi.nested) > 0 || f.Parent != nil && f.Parent != mi.mod.Body ||
		f.Name == "__aenter__" || f.Name == "__enter__" || !f.CallResult.IsKnown()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// firstDifference is the first line of a that b does not have, for the
// refusal's reason.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return strings.TrimSpace(al[i])
		}
	}
	return "(a longer interface)"
}
