package pyfront

import (
	"runtime"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// linker resolves the symbolic types of every lowered module.
type linker struct {
	models  *asyncir.Models
	mods    map[string]*moduleInfo
	byMod   map[*asyncir.Module]*moduleInfo
	classOf map[*asyncir.Class]*classInfo
	fnInfo  map[*asyncir.Func]*funcInfo
	// memo holds each value's resolved type as the shared copy in
	// types (nil: unknown, or still being resolved): a pointer, not a
	// ten-word Type, keeps the memo of a large module's million values
	// small.
	memo map[*asyncir.Value]*asyncir.Type
	// memoSize is what memo was made for (writeBack clears a memo
	// large enough instead of making one anew).
	memoSize int
	types    asyncir.TypeSet
	globBusy map[*binding]bool
	// dottedBusy guards dotted against names that resolve through
	// themselves (a module global that names an unlowered submodule).
	dottedBusy map[string]bool
	attrMemo   map[attrKey]asyncir.Type
}

type attrKey struct {
	cls  *asyncir.Class
	name string
}

var (
	noneType    = asyncir.Type{Kind: asyncir.Instance, External: "builtins.NoneType"}
	unknownType = asyncir.Type{}
)

// maxRounds bounds the returns-awaitable fixed point; real code settles in
// two or three rounds (a wrapper of a wrapper of a coroutine function).
const maxRounds = 6

func link(lowered []*moduleInfo, infos map[string]*moduleInfo, models *asyncir.Models) {
	// Every lowered module is linked, also one whose dotted name another
	// file shadows (two scripts/conftest.py): names resolve to the last,
	// but each file's own code is still typed.
	all := lowered
	for _, mi := range all {
		mi.bindLazyExports(models)
	}
	l, funcs := newLinker(all, infos, models)
	// Class bases first: method lookup depends on them.
	for _, mi := range all {
		for _, ci := range mi.classes {
			l.resolveBases(ci)
		}
	}
	// What calling each function returns, to a fixed point. Each round
	// reads the previous round's results and writes new ones aside
	// (Jacobi iteration), so the functions of a round are computed in
	// parallel by workers with their own memos.
	next := make([]asyncir.Type, len(funcs))
	chunks := runtime.GOMAXPROCS(0)
	ws := make([]*linker, chunks) // each round's workers start empty
	for round := 0; round < maxRounds; round++ {
		parallel(chunks, chunks, func(c int) {
			w := ws[c]
			if w == nil {
				w = l.worker()
				ws[c] = w
			} else {
				w.reset()
			}
			for i := c; i < len(funcs); i += chunks {
				next[i] = w.callResult(funcs[i])
			}
		})
		changed := false
		for i, fi := range funcs {
			if !next[i].Same(fi.f.CallResult) {
				fi.f.CallResult = next[i]
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// Call results are settled: write every module back in parallel, each
	// job with its own memo over the shared, now read-only tables. The
	// largest jobs go first, so that none is left for the end with one
	// core busy.
	jobs := writeBackJobs(all, writeBackRun)
	workers := make(chan *linker, runtime.GOMAXPROCS(0))
	parallel(len(jobs), 0, func(i int) {
		var w *linker
		select {
		case w = <-workers:
		default:
			w = l.worker()
		}
		w.writeBack(jobs[i])
		select {
		case workers <- w:
		default:
		}
	})
}

// newLinker builds the tables every module's linking reads, and lists the
// functions of the modules.
func newLinker(all []*moduleInfo, infos map[string]*moduleInfo, models *asyncir.Models) (*linker, []*funcInfo) {
	l := &linker{models: models, mods: infos, byMod: make(map[*asyncir.Module]*moduleInfo, len(all)),
		classOf: map[*asyncir.Class]*classInfo{}, fnInfo: map[*asyncir.Func]*funcInfo{}}
	var funcs []*funcInfo
	for _, mi := range all {
		l.byMod[mi.mod] = mi
		for _, ci := range mi.classes {
			l.classOf[ci.cls] = ci
		}
		for _, fi := range mi.funcs {
			l.fnInfo[fi.f] = fi
			funcs = append(funcs, fi)
		}
	}
	l.reset()
	return l, funcs
}

// worker is a linker sharing l's read-only tables with a memo of its own.
func (l *linker) worker() *linker {
	w := &linker{models: l.models, mods: l.mods, byMod: l.byMod, classOf: l.classOf, fnInfo: l.fnInfo}
	w.reset()
	return w
}

// reset empties l's memos; maps already made are cleared, which keeps
// the room they grew to.
func (l *linker) reset() {
	if l.memo == nil {
		l.memo = map[*asyncir.Value]*asyncir.Type{}
		l.globBusy = map[*binding]bool{}
		l.dottedBusy = map[string]bool{}
		l.attrMemo = map[attrKey]asyncir.Type{}
		return
	}
	clear(l.memo)
	clear(l.globBusy)
	clear(l.dottedBusy)
	clear(l.attrMemo)
}

func (l *linker) resolveBases(ci *classInfo) {
	for _, v := range ci.bases {
		var args []*asyncir.Value
		if v != nil && v.Def != nil {
			v, args = genericBase(l.byMod[v.Def.Block.Func.Module], v)
		}
		t := l.typeOf(v)
		switch {
		case t.Kind == asyncir.ClassObj && t.Class != nil:
			if t.Class != ci.cls {
				ci.cls.Bases = append(ci.cls.Bases, t.Class)
				if len(args) > 0 {
					if ci.typeArgs == nil {
						ci.typeArgs = map[*asyncir.Class][]*asyncir.Value{}
					}
					ci.typeArgs[t.Class] = args
				}
			}
		case t.External != "" && (t.Kind == asyncir.ClassObj || t.Kind == asyncir.ModuleObj):
			ci.cls.ExternalBases = append(ci.cls.ExternalBases, l.models.Canonical(t.External))
		default:
			ci.cls.UnknownBases = true
		}
	}
}

// unknownElem is the element type of every container whose elements
// agree on nothing, shared: a generated module has hundreds of thousands
// of such containers, and nothing writes through an Elem pointer.
var unknownElem asyncir.Type

// listOf is the type of a display or comprehension of elements of type
// elem. The element type is the shared copy: the lists of one element
// type are then one type, not an allocation each.
func (l *linker) listOf(elem asyncir.Type) asyncir.Type {
	p := &unknownElem
	if shared := l.types.Share(elem); shared != nil {
		p = shared
	}
	return asyncir.Type{Kind: asyncir.Instance, External: "builtins.list", Elem: p}
}

// resolveCall fills Callee, Class and External of a call.
func (l *linker) resolveCall(op *asyncir.Op) {
	fn := l.calleeType(op)
	switch {
	case fn.Kind == asyncir.FuncObj && fn.Func != nil:
		op.Callee = fn.Func
	case fn.Kind == asyncir.ClassObj && fn.Class != nil:
		op.SetClass(fn.Class)
		if init := fn.Class.LookupMethod("__init__"); init != nil {
			op.Callee = init
		}
	case fn.External != "":
		op.External = l.models.Canonical(fn.External)
	}
}

// calleeType is the type of what a call op calls.
func (l *linker) calleeType(op *asyncir.Op) asyncir.Type {
	s := l.byMod[op.Block.Func.Module].symOf(op.Result)
	if s == nil || s.kind != symCall {
		return unknownType
	}
	return l.calleeOfSym(s)
}

// calleeOfSym is the type of what a symCall calls: a function value, or a
// method looked up on its receiver (super() included).
func (l *linker) calleeOfSym(s *sym) asyncir.Type {
	if s.name == "" {
		return l.typeOf(s.base)
	}
	if bs := l.byMod[s.base.Def.Block.Func.Module].symOf(s.base); bs != nil && bs.kind == symSuper {
		return l.superAttr(bs.cls, s.name)
	}
	return l.attrOf(l.recvType(s.base), s.name, s.base)
}

// recvType is a receiver's type; a receiver spelled "loop", "_loop",
// "self.loop" or "self._loop" whose type is otherwise unknown is taken to
// be an event loop (the naming convention of asyncio code; documented in
// the rules that rely on it).
func (l *linker) recvType(v *asyncir.Value) asyncir.Type {
	t := l.typeOf(v)
	if t.IsKnown() || v == nil {
		return t
	}
	if s := l.byMod[v.Def.Block.Func.Module].symOf(v); s != nil && (s.kind == symName || s.kind == symAttr) {
		switch s.name {
		case "loop", "_loop", "event_loop", "_event_loop":
			return asyncir.Type{Kind: asyncir.Instance, External: "asyncio.AbstractEventLoop"}
		}
	}
	return t
}

// typeOf resolves a value's symbolic type (memoized, cycle-safe).
func (l *linker) typeOf(v *asyncir.Value) asyncir.Type {
	if t := l.sharedTypeOf(v); t != nil {
		return *t
	}
	return unknownType
}

// sharedTypeOf is typeOf as the memo's shared copy, nil when unknown.
func (l *linker) sharedTypeOf(v *asyncir.Value) *asyncir.Type {
	if v == nil {
		return nil
	}
	if t, ok := l.memo[v]; ok {
		return t
	}
	s := l.byMod[v.Def.Block.Func.Module].symOf(v)
	if s == nil && len(v.Elems()) == 0 {
		// Nothing to resolve (a constant, an operator's result): not
		// worth a memo entry, and most values of a data table are such.
		return nil
	}
	// Unknown while in progress: a cycle (x = x.parent) resolves to unknown.
	l.memo[v] = nil
	t := l.types.Share(l.resolve(v, s))
	l.memo[v] = t
	return t
}

// resolve is the type of v, whose symbolic type is s (nil when none).
func (l *linker) resolve(v *asyncir.Value, s *sym) asyncir.Type {
	mi := l.byMod[v.Def.Block.Func.Module]
	if s == nil {
		if len(v.Elems()) > 0 {
			return l.listOf(l.agree(v.Elems()))
		}
		return unknownType
	}
	switch s.kind {
	case symName:
		if t, ok := l.reachingType(v, s); ok {
			return t
		}
		return l.lookupName(s.scope, s.name)
	case symAttr:
		if bs := mi.symOf(s.base); bs != nil && bs.kind == symSuper {
			return l.superAttr(bs.cls, s.name)
		}
		return l.attrOf(l.typeOf(s.base), s.name, s.base)
	case symCall:
		callee := l.calleeOfSym(s)
		t := l.resultOf(callee, v.Def)
		if !t.IsKnown() && s.name != "" {
			t = l.selfDispatch(callee, l.typeOf(s.base))
		}
		return t
	case symAwait:
		bt := l.typeOf(s.base)
		if bt.Result != nil {
			return *bt.Result
		}
		return l.awaitResult(bt)
	case symSelf:
		return asyncir.Type{Kind: asyncir.Instance, Class: s.cls}
	case symClsObj:
		return asyncir.Type{Kind: asyncir.ClassObj, Class: s.cls}
	case symFunc:
		return asyncir.Type{Kind: asyncir.FuncObj, Func: s.fn}
	case symClass:
		return asyncir.Type{Kind: asyncir.ClassObj, Class: s.cls}
	case symModule:
		return l.dotted(s.name)
	case symNone:
		return noneType
	case symAnnot:
		return l.annotType(s.annot)
	case symElem:
		if bt := l.typeOf(s.base); bt.Elem != nil {
			return *bt.Elem
		}
	case symSame:
		return l.enterResult(l.typeOf(s.base))
	}
	return unknownType
}

// agree is the common type of several values, ignoring None; unknown if
// any is unknown or two differ.
func (l *linker) agree(vs []*asyncir.Value) asyncir.Type {
	var out asyncir.Type
	seen := false
	for _, v := range vs {
		if v == nil {
			return unknownType
		}
		t := l.typeOf(v)
		if t.Same(noneType) {
			continue
		}
		if !t.IsKnown() || seen && !t.Same(out) {
			return unknownType
		}
		out, seen = t, true
	}
	return out
}

// lookupName resolves a name from scope outwards: locals, enclosing
// functions, the module, builtins.
func (l *linker) lookupName(fi *funcInfo, name string) asyncir.Type {
	for s := fi; s != nil; s = s.parent {
		if s.isModule {
			return l.moduleGlobal(s.mod, name)
		}
		if s.declared[name] {
			continue
		}
		if ps := s.paramSym[name]; ps != nil {
			if len(s.stores.get(name)) == 0 {
				return l.resolveSym(ps, s)
			}
			return unknownType
		}
		if s.isParam(name) {
			return unknownType
		}
		if vals, ok := s.stores.lookup(name); ok && len(vals) > 0 {
			if s.isClass {
				return l.agree(vals)
			}
			return l.agree(vals)
		}
	}
	if fi != nil {
		return l.moduleGlobal(fi.mod, name)
	}
	return unknownType
}

// resolveSym resolves a sym that belongs to no value (parameters).
func (l *linker) resolveSym(s *sym, scope *funcInfo) asyncir.Type {
	switch s.kind {
	case symSelf:
		return asyncir.Type{Kind: asyncir.Instance, Class: s.cls}
	case symClsObj:
		return asyncir.Type{Kind: asyncir.ClassObj, Class: s.cls}
	case symAnnot:
		return l.annotType(s.annot)
	}
	return unknownType
}

func (l *linker) annotType(a *annotation) asyncir.Type {
	if a == nil || len(a.names) == 0 {
		return unknownType
	}
	var out asyncir.Type
	for i, n := range a.names {
		first, rest, _ := strings.Cut(n, ".")
		t := l.lookupName(a.scope, first)
		for rest != "" {
			var part string
			part, rest, _ = strings.Cut(rest, ".")
			t = l.attrOf(t, part, nil)
		}
		var inst asyncir.Type
		switch {
		case t.Kind == asyncir.ClassObj && t.Class != nil:
			inst = asyncir.Type{Kind: asyncir.Instance, Class: t.Class}
			if a.arg != nil {
				if arg := l.annotType(a.arg); arg.IsKnown() {
					inst.Arg = &arg
				}
			}
		case t.External != "" && (t.Kind == asyncir.ClassObj || t.Kind == asyncir.ModuleObj):
			inst = l.externalInstance(t.External)
		}
		if !inst.IsKnown() {
			return unknownType
		}
		if i > 0 && !inst.Same(out) {
			var ok bool
			if inst, ok = unionBase(out, inst); !ok {
				return unknownType
			}
		}
		out = inst
	}
	return out
}

// externalInstance is an instance of a dotted external class name, with
// the awaitable kind its model gives.
func (l *linker) externalInstance(name string) asyncir.Type {
	name = l.models.Canonical(name)
	t := asyncir.Type{Kind: asyncir.Instance, External: name}
	if cm := l.models.Class(name); cm != nil {
		t.Await = cm.Await
	}
	return t
}

// moduleGlobal resolves a module-level name, following imports and
// star-imports to other modules of the program.
func (l *linker) moduleGlobal(mi *moduleInfo, name string) asyncir.Type {
	g := mi.globals[name]
	if g == nil {
		for _, star := range mi.star {
			if other := l.mods[star]; other != nil && other != mi {
				if og := other.globals[name]; og != nil {
					return l.moduleGlobal(other, name)
				}
			}
		}
		if builtins[name] {
			return asyncir.Type{Kind: asyncir.ModuleObj, External: "builtins." + name}
		}
		return unknownType
	}
	if l.globBusy[g] {
		return unknownType
	}
	l.globBusy[g] = true
	defer delete(l.globBusy, g)
	switch {
	case g.conflict && !l.oneAPI(g):
		return unknownType
	case g.fn != nil && len(g.values) == 0:
		return asyncir.Type{Kind: asyncir.FuncObj, Func: g.fn}
	case g.cls != nil && len(g.values) == 0:
		return asyncir.Type{Kind: asyncir.ClassObj, Class: g.cls}
	case g.module != "" && len(g.values) == 0:
		return l.dotted(g.module)
	case len(g.values) > 0 && g.fn == nil && g.cls == nil && g.module == "":
		return l.agree(g.values)
	}
	return unknownType
}

// oneAPI reports whether the conflicting imports of a name all bind the
// same modelled API ("if sys.version_info < (3, 11): from async_timeout
// import timeout / else: from asyncio import timeout"), so either
// branch gives it.
func (l *linker) oneAPI(g *binding) bool {
	if g.fn != nil || g.cls != nil || len(g.values) > 0 || len(g.otherImports) == 0 || !l.modelled(g.module) {
		return false
	}
	canon := l.models.Canonical(g.module)
	for _, m := range g.otherImports {
		if l.models.Canonical(m) != canon {
			return false
		}
	}
	return true
}

// dotted resolves an absolute dotted name: a module of the program, a
// name inside one, or something external.
func (l *linker) dotted(name string) asyncir.Type {
	if l.modelled(name) {
		// The models win over source: linting the standard library itself
		// must still see asyncio.create_task as the modelled API.
		return l.external(name)
	}
	if _, ok := l.mods[name]; ok {
		return asyncir.Type{Kind: asyncir.ModuleObj, External: name}
	}
	if l.dottedBusy[name] {
		return unknownType
	}
	l.dottedBusy[name] = true
	defer delete(l.dottedBusy, name)
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '.' {
			continue
		}
		if mi := l.mods[name[:i]]; mi != nil {
			first, rest, _ := strings.Cut(name[i+1:], ".")
			t := l.moduleGlobal(mi, first)
			for rest != "" && t.IsKnown() {
				var part string
				part, rest, _ = strings.Cut(rest, ".")
				t = l.attrOf(t, part, nil)
			}
			return t
		}
	}
	return l.external(name)
}

// modelled reports whether the models describe a dotted name.
func (l *linker) modelled(name string) bool {
	canon := l.models.Canonical(name)
	return l.models.API(canon) != nil || l.models.Class(canon) != nil
}

// external classifies a dotted name outside the program with the models.
func (l *linker) external(name string) asyncir.Type {
	canon := l.models.Canonical(name)
	if l.models.Class(canon) != nil {
		return asyncir.Type{Kind: asyncir.ClassObj, External: canon}
	}
	if api := l.models.API(canon); api != nil {
		if api.ReturnsClass == canon {
			return asyncir.Type{Kind: asyncir.ClassObj, External: canon}
		}
		return asyncir.Type{Kind: asyncir.FuncObj, External: canon}
	}
	return asyncir.Type{Kind: asyncir.ModuleObj, External: canon}
}

// attrOf is the type of base.name.
func (l *linker) attrOf(base asyncir.Type, name string, baseVal *asyncir.Value) asyncir.Type {
	switch base.Kind {
	case asyncir.ModuleObj:
		if base.External == "" {
			return unknownType
		}
		if full := base.External + "." + name; l.modelled(full) {
			return l.external(full)
		}
		if mi := l.mods[base.External]; mi != nil {
			if _, ok := mi.globals[name]; ok || len(mi.star) > 0 {
				if t := l.moduleGlobal(mi, name); t.IsKnown() {
					return t
				}
			}
		}
		return l.dotted(base.External + "." + name)
	case asyncir.Instance, asyncir.ClassObj:
		if base.Class != nil {
			return l.classMember(base.Class, name)
		}
		if base.External != "" {
			if api := l.models.Method(base.External, name); api != nil {
				return asyncir.Type{Kind: asyncir.FuncObj, External: api.Name}
			}
			full := base.External + "." + name
			if api := l.models.API(full); api != nil && api.RuntimeMember {
				return unknownType // known only of the class the library defines
			}
			return asyncir.Type{Kind: asyncir.ModuleObj, External: full}
		}
	}
	return unknownType
}

// classMember finds a method or attribute of a program class, then the
// modelled methods of its external bases.
func (l *linker) classMember(c *asyncir.Class, name string) asyncir.Type {
	if m := c.LookupMethod(name); m != nil {
		if api := l.methodFact(m); api != nil {
			return asyncir.Type{Kind: asyncir.FuncObj, External: api.Name}
		}
		if m.Property {
			return m.CallResult
		}
		return asyncir.Type{Kind: asyncir.FuncObj, Func: m}
	}
	for _, k := range c.Ancestry() {
		if t := l.classAttr(k, name); t.IsKnown() {
			return t
		}
	}
	// A method the class gets at run time, which its code does not
	// state, as a model names it (aiofiles's class decorators setattr
	// each file class's I/O coroutines).
	for _, k := range c.Ancestry() {
		if k.Module == nil {
			continue
		}
		if api := l.models.API(k.Module.Name + "." + k.QualName + "." + name); api != nil && api.RuntimeMember {
			return asyncir.Type{Kind: asyncir.FuncObj, External: api.Name}
		}
	}
	for _, ext := range c.ExternalAncestors() {
		if api := l.models.Method(ext, name); api != nil {
			return asyncir.Type{Kind: asyncir.FuncObj, External: api.Name}
		}
	}
	return unknownType
}

// superAttr resolves super().name inside class c.
func (l *linker) superAttr(c *asyncir.Class, name string) asyncir.Type {
	if c == nil {
		return unknownType
	}
	for _, b := range c.Bases {
		if t := l.classMember(b, name); t.IsKnown() {
			return t
		}
	}
	for _, ext := range c.ExternalBases {
		if api := l.models.Method(ext, name); api != nil {
			return asyncir.Type{Kind: asyncir.FuncObj, External: api.Name}
		}
	}
	return unknownType
}

// classAttr is the agreed type of a class's attribute assignments.
func (l *linker) classAttr(c *asyncir.Class, name string) asyncir.Type {
	key := attrKey{c, name}
	if t, ok := l.attrMemo[key]; ok {
		return t
	}
	l.attrMemo[key] = unknownType // cycle guard
	ci := l.classOf[c]
	var t asyncir.Type
	if ci != nil {
		if vals := ci.attrs[name]; len(vals) > 0 {
			t = l.agree(vals)
		}
		// What the values say is the more precise (a bounded queue),
		// but a placeholder says nothing: "self.session:
		// Optional[ClientSession] = None" until a factory opens it.
		if a := ci.annots[name]; a != nil && (!t.IsKnown() || t.Same(noneType)) {
			t = l.annotType(a)
		}
	}
	if cm := l.models.Class(t.External); t.Kind == asyncir.Instance && cm != nil && cm.Protocol {
		t = unknownType
	}
	l.attrMemo[key] = t
	return t
}

// resultOf is the type a call of fn returns.
func (l *linker) resultOf(fn asyncir.Type, call *asyncir.Op) asyncir.Type {
	switch {
	case fn.Kind == asyncir.FuncObj && fn.Func != nil:
		t := fn.Func.CallResult
		if !t.IsKnown() {
			if g, ok := l.guardedCallResult(fn.Func, call); ok {
				t = g
			}
		}
		return l.awaitFact(fn.Func, t)
	case fn.Kind == asyncir.ClassObj && fn.Class != nil:
		return asyncir.Type{Kind: asyncir.Instance, Class: fn.Class}
	case fn.External != "":
		name := l.models.Canonical(fn.External)
		if api := l.models.API(name); api != nil {
			switch {
			case api.ReturnsClass != "":
				class := api.ReturnsClass
				if api.Unbounded != "" && !api.Bounded(call) {
					class = api.Unbounded
				}
				t := l.externalInstance(class)
				t.OriginName = name
				if api.ReturnsAwait != asyncir.NotAwaitable {
					t.Await = api.ReturnsAwait
				}
				return l.factoryResult(api, t)
			case api.ReturnsAwait != asyncir.NotAwaitable:
				t := asyncir.Type{Kind: asyncir.Instance, External: "coroutine", Await: api.ReturnsAwait, OriginName: name}
				if api.AwaitsClass != "" {
					r := l.instanceOfName(api.AwaitsClass)
					t.Result = &r
				}
				return t
			}
			return unknownType
		}
		if fn.Kind == asyncir.ClassObj || l.models.Class(name) != nil {
			return l.externalInstance(name)
		}
	}
	return unknownType
}

// enterResult is what "with x as y" binds for the context managers
// asynclint knows return themselves.
func (l *linker) enterResult(t asyncir.Type) asyncir.Type {
	if r, ok := l.factoryEnter(t); ok && t.Kind == asyncir.Instance {
		return r
	}
	switch {
	case t.Kind == asyncir.Instance && t.External == generatorContextClass:
		if t.Elem != nil {
			return *t.Elem
		}
	case t.Kind == asyncir.Instance && t.External != "":
		switch t.External {
		case "asyncio.TaskGroup", "asyncio.Runner", "asyncio.Timeout",
			"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor":
			return t
		}
		if cm := l.models.Class(t.External); cm != nil && cm.EnterSelf {
			return t
		}
	case t.Kind == asyncir.Instance && t.Class != nil:
		for _, m := range []string{"__aenter__", "__enter__"} {
			if f := t.Class.LookupMethod(m); f != nil {
				fi := l.fnInfo[f]
				switch {
				case fi == nil:
				case returnsSelf(l, fi) || annotatedSelf(fi) || l.delegatesToSelf(fi, t.Class):
					return t
				case fi.retAnnot != nil:
					// "async def __aenter__(self) -> ClientSession", or
					// "-> _RetType" bound by a generic base.
					if b, ok := l.boundTypeVar(fi.retAnnot, t, f.Class); ok {
						return b
					}
					return l.annotType(fi.retAnnot)
				}
				return unknownType
			}
		}
	}
	return unknownType
}

func returnsSelf(l *linker, fi *funcInfo) bool {
	if len(fi.returns) == 0 {
		return false
	}
	for _, v := range fi.returns {
		s := fi.mod.symOf(v)
		if s == nil || s.kind != symName || len(fi.f.Params) == 0 || s.name != fi.f.Params[0].Name {
			return false
		}
	}
	return true
}

// builtins are the names Python resolves without an import that the
// models may describe.
var builtins = map[string]bool{
	"open": true, "input": true, "print": true, "staticmethod": true, "classmethod": true,
	"property": true, "super": true, "len": true, "list": true, "dict": true, "set": true,
	"tuple": true, "iter": true, "next": true, "anext": true, "aiter": true, "getattr": true,
	"setattr": true, "isinstance": true, "type": true, "object": true, "Exception": true, "RuntimeError": true, "AttributeError": true,
	"ImportError": true, "ModuleNotFoundError": true, "NameError": true,
	"BaseException": true, "callable": true, "map": true, "filter": true, "zip": true,
	"sorted": true, "enumerate": true, "range": true, "id": true, "hash": true, "repr": true,
	"str": true, "int": true, "float": true, "bool": true, "bytes": true, "vars": true,
	"exec": true, "eval": true, "compile": true, "__import__": true,
}
