package pyfront

import "github.com/asynclint/asynclint/asyncir"

// symKind says how a value's type is found once every module is lowered.
type symKind uint8

const (
	symUnknown symKind = iota
	symName            // a name looked up in scope
	symAttr            // base.name
	symCall            // the result of calling base
	symAwait           // the result of awaiting base
	symSelf            // self in a method of cls
	symClsObj          // cls in a classmethod of cls
	symSuper           // super() in a method of cls
	symFunc            // a def
	symClass           // a class statement
	symModule          // an imported module or name, by absolute dotted name
	symNone            // the constant None
	symAnnot           // an annotation: instance of the class it names
	symElem            // an element of base (for loops over containers)
	symSame            // the same type as base (with ... as x on a TaskGroup)
)

// sym is the symbolic description of a value's type, resolved by Link.
type sym struct {
	kind  symKind
	name  string
	scope *funcInfo
	base  *asyncir.Value
	fn    *asyncir.Func
	cls   *asyncir.Class
	annot *annotation
}

// annotation is a type annotation kept as the dotted names it mentions
// (Optional[X], X | None and "X" all reduce to X); several names mean a
// union, which stays unknown unless all agree.
type annotation struct {
	names []string
	scope *funcInfo
	// result is what a Callable returns, or what a Generator, Coroutine
	// or Awaitable finally gives (its last type argument): the type of
	// calling, or awaiting through __await__.
	result *annotation
	// elem is what an iterator or generator yields (its first type
	// argument): AsyncIterator[T], AsyncGenerator[T, None], Iterator[T].
	elem *annotation
	// arg is the single type argument of another generic class
	// (_ContextManager["Connection"], Store[str]): what its type
	// variable stands for in the annotated value.
	arg *annotation
}

// funcInfo is the scope of one function while lowering and linking.
type funcInfo struct {
	f        *asyncir.Func
	parent   *funcInfo // enclosing function scope (class bodies are skipped)
	mod      *moduleInfo
	stores   scopeStores
	paramSym map[string]*sym
	declared map[string]bool // global / nonlocal names
	isModule bool
	isClass  bool
	// decorators are the values of the decorator expressions, outermost
	// first, evaluated in the enclosing scope.
	decorators []*asyncir.Value
	// returns are the values returned by the function's return statements.
	returns   []*asyncir.Value
	bareRet   bool // some path returns None or falls off the end
	nested    map[string]*asyncir.Func
	wrapsArgs []*asyncir.Value // values passed to @functools.wraps(...)
	// retAnnot is the "-> T" annotation, read in the defining scope.
	retAnnot *annotation
	// selfAnnot is a method's "self: T" annotation (dispatch.go).
	selfAnnot *annotation
	// nameSyms are the symbols of the first names the function loads
	// (nameSym).
	nameSyms []*sym
}

// binding is a module-level name.
type binding struct {
	values []*asyncir.Value // values assigned at module level
	fn     *asyncir.Func
	cls    *asyncir.Class
	module string // "import x" / "from m import x": absolute dotted target
	// conflict: the name is bound by more than one def, or by imports
	// of different targets.
	conflict bool
	// otherImports are the targets of the imports that module replaced
	// in a conflict (the backport of a version test's other branch).
	otherImports []string
	fnOverload   bool // the last def was a typing.overload stub
}

// classInfo is what linking needs about a class statement.
type classInfo struct {
	cls    *asyncir.Class
	bases  []*asyncir.Value
	attrs  map[string][]*asyncir.Value
	annots map[string]*annotation
	body   *funcInfo
	// typeArgs are the type arguments of a generic base defined in the
	// program (class Req(Base[Response]) binds Base's type variable).
	typeArgs map[*asyncir.Class][]*asyncir.Value
}

// moduleInfo is one lowered module with its symbolic side tables.
type moduleInfo struct {
	mod     *asyncir.Module
	name    string
	pkg     string
	isInit  bool
	globals map[string]*binding
	star    []string // modules imported with "from m import *"
	// lazyTables are the name tables of module-level calls that may bind
	// names lazily (lazyexports.go).
	lazyTables []lazyTable
	// syms is the symbolic type of each value of the module's code, by
	// its Num (nil when it has none): see symOf.
	syms    []*sym
	funcs   []*funcInfo
	classes []*classInfo
	// classOf finds a class's entry in classes (a generated module can
	// define thousands).
	classOf map[*asyncir.Class]*classInfo
	calls   []*asyncir.Op
	imports []string // textual imports, for the fast path
	bridge  *bridgeData
	// library: an installed module read for what the project imports
	// (library.go); linked, never reported in.
	library bool
	// droppedMethods are the methods of its classes that a library
	// module's chunks left out, nothing naming them (libgraft.go).
	droppedMethods map[string]bool
	// overloadRets are the return annotations of the typing.overload
	// stubs lowered since their implementation, by qualified name: a
	// library's chunks are lowered one by one (overloadret.go).
	overloadRets map[string][]*annotation
	// callableAliases are its module-level aliases of Callable types
	// (callablealias.go).
	callableAliases map[string]*annotation
	// libTexts are the library module's texts lowered whose words the
	// loader has not gathered yet (libgraft.go).
	libTexts [][]byte
	// onDemand: a project module lowered only for the helpers async code
	// calls in it; its definitions are lowered when reached (lazy.go).
	onDemand bool
	// gaveUp: the parse did not finish within the time limit; nothing of
	// the file is known.
	gaveUp bool
	// split, when set before lowering, is the project module's text cut
	// into statements, of which the tree holds only some (filesplit.go);
	// lowerLazily hands it on to lazy.
	split *fileSplit
	// lazy holds a library or on-demand module's top-level defs and
	// classes not lowered yet (lazy.go).
	lazy *lazyDefs
	// ops, values and blocks hand out the module's IR, opLists and
	// useLists the first room of its blocks' ops and its values' uses
	// (slab.go).
	ops      slab[asyncir.Op]
	values   slab[asyncir.Value]
	blocks   slab[asyncir.Block]
	opLists  slab[*asyncir.Op]
	useLists slab[asyncir.Use]
	// edges hands out the first room of its blocks' successors and
	// predecessors.
	edges slab[*asyncir.Block]
	// symbols hands out the symbols of its values (syms).
	symbols slab[sym]
}

// symOf is the symbolic type of v, a value of mi's code, nil when it has
// none.
func (mi *moduleInfo) symOf(v *asyncir.Value) *sym {
	if v == nil {
		return nil
	}
	return mi.syms[v.Num]
}

// setEntry sets m[key], making the map on the first write: the maps of
// a function's scope that most functions leave empty stay nil.
func setEntry[V any](m *map[string]V, key string, v V) {
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[key] = v
}

// setFlag sets (*m)[key] to true, as setEntry does.
func setFlag(m *map[string]bool, key string) { setEntry(m, key, true) }

// scopeStores are the values bound to each name of a function's scope,
// in binding order (a nil value: bound by something other than a value,
// as a for target or a walrus in a guard). Most functions bind a few
// names, which a short list finds faster than a map costs to make; a
// scope of many names (a module body) is indexed as well.
type scopeStores struct {
	list  []nameStores
	index map[string]int // into list, once it is longer than smallScope
}

type nameStores struct {
	name string
	vals []*asyncir.Value
}

// smallScope is the number of names a scope looks up by scanning.
const smallScope = 8

// find is the index in list of name's entry, and whether it has one.
func (s *scopeStores) find(name string) (int, bool) {
	if s.index != nil {
		i, ok := s.index[name]
		return i, ok
	}
	for i := range s.list {
		if s.list[i].name == name {
			return i, true
		}
	}
	return -1, false
}

// lookup is the values bound to name, and whether any binding is.
func (s *scopeStores) lookup(name string) ([]*asyncir.Value, bool) {
	if i, ok := s.find(name); ok {
		return s.list[i].vals, true
	}
	return nil, false
}

// get is the values bound to name.
func (s *scopeStores) get(name string) []*asyncir.Value {
	vals, _ := s.lookup(name)
	return vals
}

// add records a binding of name to v.
func (s *scopeStores) add(name string, v *asyncir.Value) {
	if i, ok := s.find(name); ok {
		s.list[i].vals = append(s.list[i].vals, v)
		return
	}
	s.list = append(s.list, nameStores{name: name, vals: []*asyncir.Value{v}})
	switch {
	case s.index != nil:
		s.index[name] = len(s.list) - 1
	case len(s.list) > smallScope:
		s.index = make(map[string]int, 2*len(s.list))
		for j := range s.list {
			s.index[s.list[j].name] = j
		}
	}
}

// isParam reports whether name is a parameter of fi's function: a
// function has a few, which a scan finds faster than a map costs to make.
func (fi *funcInfo) isParam(name string) bool {
	for _, p := range fi.f.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

// sym makes a symbol in the module's slab.
func (b *fnBuilder) sym(s sym) *sym {
	p := b.lw.mi.symbols.new()
	*p = s
	return p
}

// noneSym is the symbol of every None: syms are never written, so
// values may share one.
var noneSym = &sym{kind: symNone}

// maxNameSyms bounds the names a scope keeps the symbol of: a scan finds
// one of a function's few names faster than a map costs to make, and a
// scope loading more (a module body) makes the rest anew.
const maxNameSyms = 16

// nameSym is the symbol of a load of identifier n in b's scope: the
// loads of one name share it (and its name is the loads' Var), so a name
// loaded again allocates nothing.
func (b *fnBuilder) nameSym(n int32) *sym {
	t := b.lw.t
	nd := &t.nodes[n]
	text := t.src[nd.start:nd.end]
	for _, s := range b.fi.nameSyms {
		if s.name == string(text) {
			return s
		}
	}
	s := b.sym(sym{kind: symName, name: string(text), scope: b.fi})
	if len(b.fi.nameSyms) < maxNameSyms {
		b.fi.nameSyms = append(b.fi.nameSyms, s)
	}
	return s
}
