package pyfront

import (
	"fmt"
	"slices"
	"strings"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/asynclint/asynclint/asyncir"
)

// A Session keeps one Load's lowered and linked modules between edits (the
// language server), so that an edit of one module re-parses that module
// incrementally (tree-sitter's edit and re-parse with the old tree),
// re-lowers and re-links only it, and leaves the others as they are.
//
// The others stay valid only when what they read of the module did not
// change. Linking another module reads, of this one, the names it binds
// at module level, its classes (bases, methods, attribute types, what
// "with" binds), its functions (what calling them returns, decorators,
// parameters, and the shape of their returns, which self-dispatch and
// decorator wrappers follow), and what the library loader is asked for
// because of it. Update renders all of that before and after the edit
// (interface) and accepts the edit only when the two agree; the other
// modules' pointers to the old module's functions and classes are then
// moved to the new ones, so the interprocedural summaries of the next
// Program see the new bodies. Anything else — a changed interface, a name
// or definition added or removed, a changed library demand, a syntax
// error the parser gave up on — refuses the edit: the caller runs Load
// again.
//
// What this cannot see is a cycle of call results across modules: when
// an edited function now returns what a function of another module
// returns, which was itself computed from this function's old result, the
// two agree with each other, while a fresh Load, starting from unknown,
// may settle on unknown for both. The language server's tests compare
// random edits with fresh checks.
type Session struct {
	models *asyncir.Models
	opts   Options
	set    *linkedSet
	lk     *linker
	pool   *parserPool
	dirs   *dirCache
	mods   []*asyncir.Module // the Program's modules, in Load's order
	byPath map[string]*source
	// trees are the tree-sitter trees of the sources Update parsed, kept
	// for the next incremental parse.
	trees map[string]*sitter.Tree
	// iface caches each module's rendered interface once computed.
	iface map[*moduleInfo]string
	// uses counts, over every linked module, the ways modules reach other
	// modules' globals by name (usesOf).
	uses map[string]int
	// projectAttrs counts the attribute and method names project modules
	// use: the library loader follows library methods under those names.
	projectAttrs map[string]int
	// facts memoizes what count and the library check derive from a
	// module, which is the old module of the next Update.
	facts map[*moduleInfo]*moduleFacts
	spent bool
}

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

// linkedSet is what Load lowered and linked, for a Session.
type linkedSet struct {
	sources []*source
	lowered []*moduleInfo // project modules, then library modules
	infos   map[string]*moduleInfo
	names   map[string]bool
}

// NewSession keeps what res lowered and linked; res must not be used
// by anyone else afterwards, as Update changes its modules. It returns nil
// for a result that linked nothing (ParseOnly).
func NewSession(res *Result, models *asyncir.Models, opts Options) *Session {
	if res.linked == nil {
		return nil
	}
	s := &Session{models: models, opts: opts, set: res.linked, pool: newParserPool(), dirs: &dirCache{m: map[string]bool{}},
		mods: slices.Clone(res.Program.Modules), byPath: map[string]*source{}, trees: map[string]*sitter.Tree{},
		iface: map[*moduleInfo]string{}, facts: map[*moduleInfo]*moduleFacts{}, uses: map[string]int{}, projectAttrs: map[string]int{}}
	s.lk, _ = newLinker(s.set.lowered, s.set.infos, models)
	for _, src := range s.set.sources {
		s.byPath[src.path] = src
	}
	for _, mi := range s.set.lowered {
		s.count(mi, 1)
	}
	return s
}

// Program is the session's program, as of the last Update. Each call
// returns a new Program, whose summaries are computed afresh.
func (s *Session) Program() *asyncir.Program {
	return asyncir.NewProgram(slices.Clone(s.mods), s.models)
}

// Has reports whether path is one of the session's modules.
func (s *Session) Has(path string) bool { return s.byPath[path] != nil }

// Module returns path's module.
func (s *Session) Module(path string) *asyncir.Module {
	if src := s.byPath[path]; src != nil {
		return src.mi.mod
	}
	return nil
}

// Text is the text the session holds of path (decoded to UTF-8).
func (s *Session) Text(path string) []byte {
	if src := s.byPath[path]; src != nil {
		return src.src
	}
	return nil
}

// Prepare parses path's text and keeps the tree, so that the first edit
// of a document is parsed incrementally too.
func (s *Session) Prepare(path string) {
	src := s.byPath[path]
	if src == nil || s.trees[path] != nil || src.encoding != "" {
		return
	}
	ps := s.pool.pool.Get().(*sitter.Parser)
	defer s.pool.pool.Put(ps)
	ps.SetOperationLimit(int(30 * time.Second / time.Microsecond))
	if tr := ps.Parse(nil, src.src); tr != nil {
		s.trees[path] = tr
	} else {
		ps.Reset()
	}
}

// Close frees the tree-sitter trees the session holds.
func (s *Session) Close() {
	for p, t := range s.trees {
		t.Close()
		delete(s.trees, p)
	}
}

// Update replaces path's text by src; edits, when not nil, say how the
// text the session last saw of path became src, which lets the parse
// reuse the old tree. It reports why it refused the edit, or "" when the
// session now holds the new module; after a refusal the session must not
// be used again.
func (s *Session) Update(path string, src []byte, edits []Edit) string {
	if s.spent {
		return "the session was spent by an earlier refusal"
	}
	old := s.byPath[path]
	if old == nil {
		return "not in the session"
	}
	if old.onDemand {
		// What was lowered of it depended on what other modules call.
		return "the module was lowered only in part"
	}
	ns, warn := readSource(File{Path: path, Content: src}, s.dirs.has)
	if warn != "" {
		return warn
	}
	ns.name, ns.isInit, ns.pkg, ns.aliases, ns.library = old.name, old.isInit, old.pkg, old.aliases, old.library
	ns.imports = scanImports(ns.src, ns.pkg, ns.isInit)
	t := s.parse(old, ns, edits)
	if t == nil {
		return "the parse did not finish"
	}
	if s.opts.Trees != nil {
		s.opts.Trees.put(path, t) // a full check after a refusal reuses it
	}
	mi := newModuleInfo(ns)
	lowerModule(t, mi, path)
	ns.mi = mi
	if why := s.sameLibraryDemands(old.mi, mi); why != "" {
		return why
	}
	fm, cm, why := matchDefinitions(old.mi, mi)
	if why != "" {
		return why
	}
	oldIface, ok := s.iface[old.mi]
	if !ok {
		oldIface = s.render(old.mi, 0)
	}
	s.spent = true // from here on the shared tables change
	s.swap(old, ns)
	parallel(len(s.set.lowered), s.opts.Workers, func(i int) {
		if m := s.set.lowered[i]; m != mi {
			remapModule(m.mod, old.mi.mod, fm, cm)
		}
	})
	s.linkOne(mi)
	s.count(mi, 1)
	newIface := s.render(mi, len(oldIface))
	if newIface != oldIface {
		return "the module's interface changed: " + firstDifference(oldIface, newIface)
	}
	delete(s.iface, old.mi)
	s.iface[mi] = newIface
	s.spent = false
	return ""
}

// parse parses ns, incrementally from the tree of old's text when edits
// describe how it changed, and keeps the new tree for the next edit.
func (s *Session) parse(old, ns *source, edits []Edit) *tree {
	ps := s.pool.pool.Get().(*sitter.Parser)
	defer s.pool.pool.Put(ps)
	timeout := s.opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ps.SetOperationLimit(int(timeout / time.Microsecond))
	prev := s.trees[old.path]
	if prev != nil && (edits == nil || ns.encoding != "" || old.encoding != "" || !applyEdits(old.src, edits, ns.src)) {
		prev.Close()
		prev = nil
	}
	for _, e := range edits {
		if prev != nil {
			editTree(prev, e)
		}
	}
	tr := ps.Parse(prev, ns.src)
	if prev != nil {
		prev.Close()
	}
	delete(s.trees, old.path)
	if tr == nil {
		ps.Reset()
		return nil
	}
	s.trees[old.path] = tr
	return flattenTree(s.pool.g, tr, ns.src, &s.pool.bufs)
}

// swap puts ns's module in old's place in every table.
func (s *Session) swap(old, ns *source) {
	s.count(old.mi, -1) // ns's uses are counted once it is linked
	s.byPath[old.path] = ns
	for i, x := range s.set.sources {
		if x == old {
			s.set.sources[i] = ns
		}
	}
	for i, x := range s.set.lowered {
		if x == old.mi {
			s.set.lowered[i] = ns.mi
		}
	}
	for i, m := range s.mods {
		if m == old.mi.mod {
			s.mods[i] = ns.mi.mod
		}
	}
	for k, x := range s.set.infos {
		if x == old.mi {
			s.set.infos[k] = ns.mi
		}
	}
	delete(s.lk.byMod, old.mi.mod)
	s.lk.byMod[ns.mi.mod] = ns.mi
	for _, ci := range old.mi.classes {
		delete(s.lk.classOf, ci.cls)
	}
	for _, fi := range old.mi.funcs {
		delete(s.lk.fnInfo, fi.f)
	}
	for _, ci := range ns.mi.classes {
		s.lk.classOf[ci.cls] = ci
	}
	for _, fi := range ns.mi.funcs {
		s.lk.fnInfo[fi.f] = fi
	}
}

// linkOne links mi against the others as link does for all: bases, what
// its functions return to a fixed point (the others' results are
// settled), then its values and calls.
func (s *Session) linkOne(mi *moduleInfo) {
	w := s.lk.worker()
	for _, ci := range mi.classes {
		w.resolveBases(ci)
	}
	next := make([]asyncir.Type, len(mi.funcs))
	for round := 0; round < maxRounds; round++ {
		w := s.lk.worker()
		for i, fi := range mi.funcs {
			next[i] = w.callResult(fi)
		}
		changed := false
		for i, fi := range mi.funcs {
			if !next[i].Same(fi.f.CallResult) {
				fi.f.CallResult = next[i]
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	s.lk.worker().writeBack(mi)
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
		if sy.kind == symAttr || sy.kind == symCall && sy.name != "" {
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
		case sy.kind == symModule:
			out["="+sy.name] = true
		case sy.kind == symAttr || sy.kind == symCall && sy.name != "":
			if b := sy.base; b != nil && b.Type.Kind == asyncir.ModuleObj && b.Type.External != "" {
				out["^"+b.Type.External+"."+sy.name] = true
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

// sameLibraryDemands reports why the library loader could read something
// else with mi in old's place: a different demand of an installed name,
// or an attribute name that only one of them uses (library methods are
// followed under the names the project uses).
func (s *Session) sameLibraryDemands(old, mi *moduleInfo) string {
	if s.opts.Library == nil {
		return ""
	}
	of, nf := s.factsOf(old), s.factsOf(mi)
	if of.demands == nil {
		of.demands = s.demands(old)
	}
	nf.demands = s.demands(mi)
	if !maps2Equal(of.demands, nf.demands) {
		return "a different demand on the installed packages"
	}
	oa, na := of.attrs, nf.attrs
	for name := range na {
		if !oa[name] && s.projectAttrs[name] == 0 && s.libraryMember(name) {
			return "a new use of the library member name " + name
		}
	}
	for name := range oa {
		if !na[name] && s.projectAttrs[name] == 1 && s.libraryMember(name) {
			return "the last use of the library member name " + name
		}
	}
	return ""
}

// libraryMember reports whether a library class read so far has a method
// or an annotated attribute called name: the loader follows those under
// the names the project uses (demandClass), and no other class it reads
// is reached through a name (a name typed for the first time is usually
// none of them).
func (s *Session) libraryMember(name string) bool {
	for _, mi := range s.set.lowered {
		if !mi.library {
			continue
		}
		for _, ci := range mi.classes {
			if ci.cls.Methods[name] != nil || ci.annots[name] != nil {
				return true
			}
		}
	}
	return false
}

// demands are the installed names the library loader would be asked for
// because of mi, with their depth.
func (s *Session) demands(mi *moduleInfo) map[string]int {
	ld := &libLoader{lib: s.opts.Library, models: s.models, project: s.set.names, seen: map[string]int{}}
	ld.seedFrom(mi)
	out := map[string]int{}
	for name, d := range ld.seen {
		for p := name; p != ""; {
			if f := ld.lib.find(p); f.found {
				out[name] = d
				break
			}
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return out
}

func maps2Equal(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

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
				if op.Class != nil && op.Class.Module == old {
					op.Class = cm[op.Class]
				}
				if op.Result != nil {
					r.typ(&op.Result.Type)
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
			fmt.Fprintf(&b, " stores0=%d", len(fi.stores[f.Params[0].Name]))
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
			if sy := mi.syms[rv]; sy != nil {
				fmt.Fprintf(&b, "%d/%s", sy.kind, sy.name)
				if bs := mi.syms[sy.base]; bs != nil {
					fmt.Fprintf(&b, "/%d/%s/%v", bs.kind, bs.name, bs.scope == fi)
				}
			}
			b.WriteString(typ(rv.Type))
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
