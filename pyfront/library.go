package pyfront

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/asynclint/asynclint/asyncir"
)

// Installed libraries, read lazily. When the project uses a name the
// project does not define (aiohttp.ClientSession, redis.asyncio.from_url),
// the modules that name resolves through are read from the environment —
// package __init__ re-exports, star imports, aliases — and lowered like
// project modules, so the linker knows what each reached definition is: a
// coroutine function, a class with async methods and its bases, a function
// that returns an awaitable by its body or its return annotation. From a
// reached definition only its return annotations, returned calls, bases
// and annotated attributes are followed, a few hops deep. Stubs win over
// sources (a *-stubs package, then a .pyi beside the module). Library
// modules are linked with the program but are not part of it: nothing is
// reported in them; the may-block summary enters their synchronous
// functions, over short chains.

// Library finds and reads installed modules.
type Library struct {
	// ready is closed once env (or err) is known: StartLibrary finds
	// them while the project is read.
	ready chan struct{}
	env   *Environment
	err   error
	mu    sync.Mutex
	// where memoizes module lookups.
	where map[string]libFile
	// tops lists, per site directory, the top-level names it holds
	// (read once: most names a project uses are not installed packages).
	tops []map[string]bool
	// cacheDir is the library cache (libcache.go), "" for none.
	cacheDir string
	// sync memoizes which packages are entirely synchronous (libsync.go),
	// and syncTops the answer of syncOnly.
	sync     map[string]bool
	syncTops map[siteTop]bool
	// trees keeps the parsed library text on disk (libtrees.go).
	trees *libTrees
	// read lists the installed files read so far (Inputs).
	read []string
	// dirs lists installed directories once (libdirs.go).
	dirs *dirListing
	// wrote says whether a split or a package verdict was stored (the
	// cache may need pruning: libevict.go).
	wrote atomic.Bool
}

// libFile is where an installed module lives: path "" with isPkg set is a
// namespace package (a directory without __init__).
type libFile struct {
	path   string
	isInit bool
	found  bool
}

// NewLibrary reads installed packages from env.
func NewLibrary(env *Environment, cacheDir string) *Library {
	lib := &Library{ready: make(chan struct{})}
	lib.init(env, cacheDir)
	close(lib.ready)
	return lib
}

// StartLibrary finds the environment (FindEnvironment) in the background
// and returns its Library at once. The interpreter's answer — a process
// start of 40-50 ms when it is not cached — then comes while the project
// is read and parsed: nothing needs it before the project's imports are
// resolved against installed packages (loadLibrary, Inputs and
// Environment wait for it). Without an environment the library reads
// nothing.
func StartLibrary(o EnvOptions, cacheDir string) *Library {
	lib := &Library{ready: make(chan struct{})}
	go func() {
		defer close(lib.ready)
		env, err := FindEnvironment(o)
		if err != nil {
			lib.err = err
			return
		}
		lib.init(env, cacheDir)
	}()
	return lib
}

// Environment waits for the environment and returns it, or why there is
// none.
func (lib *Library) Environment() (*Environment, error) {
	<-lib.ready
	return lib.env, lib.err
}

// init lists the top-level names of env's site directories.
func (lib *Library) init(env *Environment, cacheDir string) {
	lib.env, lib.where, lib.cacheDir, lib.sync, lib.syncTops, lib.dirs = env, map[string]libFile{}, libCacheDir(cacheDir), map[string]bool{}, map[siteTop]bool{}, newDirListing()
	lib.trees = newLibTrees(lib.cacheDir)
	for _, site := range env.Sites {
		top := map[string]bool{}
		for name := range lib.dirs.list(site) {
			for _, suf := range []string{".pyi", ".py"} {
				name = strings.TrimSuffix(name, suf)
			}
			top[name] = true
		}
		lib.tops = append(lib.tops, top)
	}
}

// prune bounds the cache directory once a run has written to it (at
// most hourly: libevict.go).
func (lib *Library) prune() {
	if lib.cacheDir == "" {
		return
	}
	wrote := lib.wrote.Swap(false)
	if lib.trees != nil && lib.trees.wrote.Swap(false) {
		wrote = true
	}
	if wrote && pruneLibCacheNow(lib.cacheDir) {
		pruneLibCache(lib.cacheDir, libCacheMaxBytes, libCacheKeepBytes)
	}
}

// typingOnly are packages of typing constructs: nothing in them is
// awaitable or blocks, and they are large.
var typingOnly = map[string]bool{"typing_extensions": true, "mypy_extensions": true, "typing": true}

// find locates an installed module: a *-stubs package first, then a .pyi
// beside the source, then the source; a directory without __init__ is a
// namespace package.
func (lib *Library) find(module string) libFile {
	if env, _ := lib.Environment(); env == nil {
		return libFile{}
	}
	lib.mu.Lock()
	f, ok := lib.where[module]
	lib.mu.Unlock()
	if ok {
		return f
	}
	f = lib.lookup(module)
	lib.mu.Lock()
	lib.where[module] = f
	lib.mu.Unlock()
	return f
}

func (lib *Library) lookup(module string) libFile {
	if module == "" || lib == nil || lib.env == nil {
		return libFile{}
	}
	parts := strings.Split(module, ".")
	if typingOnly[parts[0]] {
		return libFile{}
	}
	for _, p := range parts {
		if !isIdentifier(p) {
			return libFile{}
		}
	}
	// Each candidate is asked of a directory listing by name, without
	// joining a path for it (a run looks up hundreds of dotted names).
	sep := string(filepath.Separator)
	rel := strings.ReplaceAll(module, ".", sep)
	stubRel := parts[0] + "-stubs" + rel[len(parts[0]):]
	var namespace libFile
	for i, site := range lib.env.Sites {
		if !lib.tops[i][parts[0]] && !lib.tops[i][parts[0]+"-stubs"] {
			continue
		}
		if lib.syncOnly(i, parts[0]) && lib.syncOnly(i, parts[0]+"-stubs") {
			return libFile{}
		}
		for _, base := range []string{stubRel, rel} {
			dir := filepath.Join(site, base)
			parent, name := filepath.Dir(dir), filepath.Base(dir)
			for _, c := range []struct {
				suffix string
				isInit bool
			}{{".pyi", false}, {"__init__.pyi", true}, {".py", false}, {"__init__.py", true}} {
				in, file := parent, name+c.suffix
				if c.isInit {
					in, file = dir, c.suffix
				}
				if exists, isDir := lib.dirs.statIn(in, file); exists && !isDir {
					return libFile{path: filepath.Join(in, file), isInit: c.isInit, found: true}
				}
			}
			if base == rel && !namespace.found && lib.dirs.isDirIn(parent, name) {
				namespace = libFile{isInit: true, found: true}
			}
		}
	}
	return namespace
}

// traceLibrary (ASYNCLINT_TRACE_LIBRARY=1) lists each installed file read
// on stderr: what a run reads, and why it costs what it does.
var traceLibrary = os.Getenv("ASYNCLINT_TRACE_LIBRARY") != ""

// libDemand is a dotted name to resolve, with how many more hops of
// annotations and returned calls may be followed from what it reaches.
// A call demand comes from a call in a library function's body (for the
// may-block summary): it reaches module-level functions of the modules
// read already, not classes or other modules — those are costly to read;
// the methods a method calls on self are followed directly (selfMethod).
type libDemand struct {
	name  string
	depth int
	call  bool
}

// libraryDepth bounds the hops from a name the project uses to the
// definitions followed for it (a factory's return annotation, that
// class's bases and methods, their annotations).
const libraryDepth = 3

// libLoader is one Load's lazy reading of the library.
type libLoader struct {
	lib     *Library
	pool    *parserPool
	opts    Options
	models  *asyncir.Models
	project map[string]bool        // every name of a project module
	infos   map[string]*moduleInfo // project and library modules by name
	loaded  []*moduleInfo          // library modules, in load order
	failed  map[string]bool        // modules that could not be read
	seen    map[string]int         // demands done, with their depth
	queue   []libDemand
	// lazyExporters are the calls whose statements a split keeps
	// (Models.LazyExporters).
	lazyExporters map[string]bool
	// used are the attribute and method names the project mentions: a
	// library class's methods are followed only under those names.
	used map[string]bool
	// texts are the library texts lowered, left the methods left out of
	// their classes by name, and missed the demands of class members
	// that found them left out (libgraft.go).
	texts  [][]byte
	left   map[string][]*leftOut
	missed []missedMember
}

// loadLibrary reads what the lowered project modules use from the library
// and returns the library modules, registered in infos.
func (lib *Library) loadLibrary(project []*moduleInfo, names map[string]bool, infos map[string]*moduleInfo, models *asyncir.Models, pool *parserPool, opts Options) []*moduleInfo {
	if env, _ := lib.Environment(); env == nil {
		return nil
	}
	ld := &libLoader{lib: lib, pool: pool, opts: opts, models: models, project: names, infos: infos, failed: map[string]bool{}, seen: map[string]int{},
		lazyExporters: models.LazyExporters()}
	ld.used = map[string]bool{"__aenter__": true, "__enter__": true, "__await__": true, "__init__": true}
	for _, mi := range project {
		for _, s := range mi.syms {
			if s != nil && (s.kind == symAttr || s.kind == symCall && s.name != "") {
				ld.used[s.name] = true
			}
		}
	}
	for _, mi := range project {
		ld.seedFrom(mi)
	}
	for len(ld.queue) > 0 || ld.graft() {
		// Resolve what the loaded modules can answer; the demands that
		// need a module not read yet wait, and those modules are read
		// together (in parallel) for the next round.
		pending := ld.queue
		ld.queue = nil
		// The definitions this round reaches are lowered first, modules
		// in parallel; resolving them below then finds them lowered.
		ld.defineAhead(pending)
		var wait []libDemand
		need := map[string][]string{}
		for _, d := range pending {
			if m := ld.resolve(d); m != "" {
				wait = append(wait, d)
				_, rest := ld.locate(d.name)
				first, _, _ := strings.Cut(rest, ".")
				need[m] = append(need[m], first)
			}
		}
		if len(need) == 0 {
			continue
		}
		ld.read(need)
		for _, d := range wait {
			delete(ld.seen, d.name)
			delete(ld.seen, d.name+"\x00call")
		}
		ld.queue = append(ld.queue, wait...)
	}
	for _, mi := range ld.loaded {
		mi.finishLazy()
	}
	lib.prune()
	return ld.loaded
}

// demand queues a dotted name unless it was asked with as much depth.
func (ld *libLoader) demand(name string, depth int) {
	ld.queueDemand(libDemand{name: name, depth: depth})
}

func (ld *libLoader) queueDemand(d libDemand) {
	name, depth := d.name, d.depth
	if name == "" || depth < 0 {
		return
	}
	key := name
	if d.call {
		key += "\x00call"
	}
	if seen, ok := ld.seen[key]; ok && seen >= depth {
		return
	}
	ld.seen[key] = depth
	ld.queue = append(ld.queue, d)
	ld.demandModelled(ld.models.API(name), depth)
}

// demandModelled demands the classes a model names: a modelled factory
// or method names the class it returns, awaits to or enters to, and the
// library defines it (await asyncpg.connect() is an asyncpg Connection).
func (ld *libLoader) demandModelled(api *asyncir.APIModel, depth int) {
	if api == nil {
		return
	}
	ld.demand(api.ReturnsClass, depth)
	ld.demand(api.AwaitsClass, depth)
	ld.demand(api.EntersClass, depth)
}

// seedFrom demands the dotted names through an import that a project
// module calls, derives from, decorates with or annotates with: a name
// only passed around or compared says nothing about awaiting or blocking.
func (ld *libLoader) seedFrom(mi *moduleInfo) {
	seed := func(v *asyncir.Value) {
		if d := ld.external(dottedOf(mi, v)); d != "" {
			ld.demand(d, libraryDepth)
		}
	}
	for _, c := range mi.calls { // every call's value, and only those, is a symCall
		seed(c.Result)
	}
	for _, ci := range mi.classes {
		for _, v := range ci.bases {
			seed(v)
		}
	}
	for _, fi := range mi.funcs {
		for _, v := range fi.decorators {
			seed(v)
		}
	}
	for _, fi := range mi.funcs {
		for _, ps := range fi.paramSym {
			if ps.kind == symAnnot {
				ld.demandAnnot(ps.annot, libraryDepth)
			}
		}
		ld.demandAnnot(fi.retAnnot, libraryDepth)
	}
	for _, ci := range mi.classes {
		for _, a := range ci.annots {
			ld.demandAnnot(a, libraryDepth)
		}
	}
}

// external keeps a dotted name that leaves the project.
func (ld *libLoader) external(d string) string {
	if d == "" {
		return ""
	}
	for p := d; p != ""; {
		if ld.project[p] {
			return ""
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return d
}

func (ld *libLoader) demandAnnot(a *annotation, depth int) {
	if a == nil {
		return
	}
	if alias := expandAlias(a); alias != a {
		ld.demandAnnot(alias, depth)
	}
	for _, n := range a.names {
		first, rest, _ := strings.Cut(n, ".")
		if d := scopeName(a.scope, first); d != "" {
			ld.demand(ld.external(joinDotted(d, rest)), depth)
		}
	}
	ld.demandAnnot(a.result, depth)
	ld.demandAnnot(a.elem, depth)
	ld.demandAnnot(a.arg, depth)
}

// resolve follows one demand through the loaded modules. It returns the
// module that must be read first, or "" when the demand is done.
func (ld *libLoader) resolve(d libDemand) string {
	mod, rest := ld.locate(d.name)
	if mod == "" || ld.project[mod] {
		return ""
	}
	mi := ld.infos[mod]
	if mi == nil {
		if d.call {
			return "" // a call demand reads no module of its own
		}
		if ld.lib.find(mod).path == "" {
			return "" // a namespace package: its submodules are files
		}
		return mod
	}
	first, more, _ := strings.Cut(rest, ".")
	if !ld.definesIn(mi, d, first) {
		return ""
	}
	mi.define(first)
	b := mi.globals[first]
	again := func(name string) {
		ld.queueDemand(libDemand{name: name, depth: d.depth, call: d.call})
	}
	if b == nil {
		for _, star := range mi.star {
			again(joinDotted(star, rest))
		}
		return ""
	}
	if b.module != "" {
		again(joinDotted(b.module, more))
	}
	for _, v := range b.values {
		s := mi.symOf(v)
		switch {
		case s == nil:
		case s.kind == symName || s.kind == symAttr:
			again(ld.external(joinDotted(dottedOf(mi, v), more)))
		case s.kind == symCall && s.name == "":
			// A name bound to what a factory returns (aiofiles.os's
			// remove = wrap(os.remove), where wrap returns an async
			// def): the factory is what says what the name is.
			if callee := dottedOf(mi, v); callee != "" {
				ld.queueDemand(libDemand{name: ld.external(callee), depth: d.depth, call: true})
			}
		}
	}
	if b.cls != nil {
		ld.demandClass(mi, b.cls, more, d.depth)
	}
	if b.fn != nil {
		ld.demandFunc(mi, b.fn, d.depth)
	}
	return ""
}

// locate splits a dotted name at its longest prefix that is a module
// (loaded, or installed and readable): "" when none is.
func (ld *libLoader) locate(name string) (mod, rest string) {
	for p := name; p != ""; {
		if ld.infos[p] != nil || ld.lib.find(p).found && !ld.failed[p] {
			return p, strings.TrimPrefix(strings.TrimPrefix(name, p), ".")
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return "", ""
}

// definesIn reports whether resolving d in its loaded module mi lowers
// the definition first: reading a package reads only the modules it
// names explicitly, and a call demand does not reach classes.
func (ld *libLoader) definesIn(mi *moduleInfo, d libDemand, first string) bool {
	if first == "" {
		return false
	}
	return !d.call || !(mi.lazy != nil && mi.lazy.waitingClass(first) || mi.globals[first] != nil && mi.globals[first].cls != nil)
}

// defineAhead lowers what resolving the demands will lower in modules
// already loaded, each module's definitions in the demands' order (the
// order resolving them would take), modules in parallel: the classes a
// project derives from are large (sqlalchemy's SQLCompiler), and the
// chain of rounds is otherwise walked on one core.
func (ld *libLoader) defineAhead(demands []libDemand) {
	byMod := map[*moduleInfo][]string{}
	var mods []*moduleInfo
	for _, d := range demands {
		mod, rest := ld.locate(d.name)
		mi := ld.infos[mod]
		if mod == "" || ld.project[mod] || mi == nil || mi.lazy == nil {
			continue
		}
		first, _, _ := strings.Cut(rest, ".")
		if !mi.lazy.waiting(first) || !ld.definesIn(mi, d, first) {
			continue
		}
		if byMod[mi] == nil {
			mods = append(mods, mi)
		}
		byMod[mi] = append(byMod[mi], first)
	}
	if len(mods) < 2 {
		return // one module: resolving lowers it as cheaply
	}
	parallel(len(mods), ld.opts.Workers, func(i int) {
		for _, name := range byMod[mods[i]] {
			mods[i].define(name)
		}
	})
}

// demandClass follows, one hop deeper, a class's bases and what its
// methods and annotated attributes name, under the names the project uses
// (member narrows them to one). Bases in the class's own module cost
// nothing: the module is read already.
func (ld *libLoader) demandClass(mi *moduleInfo, c *asyncir.Class, member string, depth int) {
	ci := mi.classOf[c]
	if ci == nil {
		return
	}
	// Bases are needed for method lookup however deep the class was
	// reached (a chain of classes, not of their methods); a generic
	// base's type arguments are what its methods give (Base[Response]).
	for _, v := range ci.bases {
		origin, args := genericBase(mi, v)
		for _, arg := range args {
			ld.demand(ld.external(dottedOf(mi, arg)), max(depth-1, 0))
		}
		ld.demand(ld.external(dottedOf(mi, origin)), max(depth-1, 0))
	}
	if depth == 0 {
		return
	}
	wanted := func(name string) bool {
		return member == name || member == "" && ld.used[name] || name == "__aenter__" || name == "__init__"
	}
	// A method demanded by name (a call on self in a library method)
	// was counted as a hop by its demander already.
	methodDepth := depth - 1
	if member != "" {
		methodDepth = depth
	}
	for name, m := range c.Methods {
		if wanted(name) {
			ld.demandFunc(mi, m, methodDepth)
		}
	}
	if member != "" && c.Methods[member] == nil && mi.leftOutMember(c, member) {
		ld.missed = append(ld.missed, missedMember{mi: mi, c: c, member: member, depth: depth})
	}
	for name, a := range ci.annots {
		if wanted(name) {
			ld.demandAnnot(a, depth-1)
		}
	}
	// A class attribute bound to a name (sqlalchemy's AsyncEngine has
	// _connection_cls = AsyncConnection) is what a method calling
	// self._connection_cls(...) makes.
	for name, vals := range ci.attrs {
		if wanted(name) {
			for _, v := range vals {
				ld.demand(ld.external(dottedOf(mi, v)), depth-1)
			}
		}
	}
}

// demandFunc follows a function's return annotation, the calls it returns
// and its decorators.
func (ld *libLoader) demandFunc(mi *moduleInfo, f *asyncir.Func, depth int) {
	var fi *funcInfo
	for _, x := range mi.funcs {
		if x.f == f {
			fi = x
		}
	}
	if fi == nil || depth < 0 {
		return
	}
	ld.demandAnnot(fi.retAnnot, depth)
	ld.demandModelled(modelledMethod(ld.models, f), depth)
	for _, v := range fi.returns {
		ld.demand(ld.external(dottedOf(mi, v)), depth)
	}
	for _, v := range fi.decorators {
		ld.demand(ld.external(dottedOf(mi, v)), depth)
	}
	// A classmethod is most often a factory (Redis.from_url returns
	// cls(...)): the project holds its instances, so the methods it calls
	// on them are wanted as well as the one it named.
	if f.ClassMeth && f.Class != nil {
		ld.demandClass(mi, f.Class, "", depth)
	}
	// What a synchronous function calls, one hop less deep: the
	// may-block summary enters library functions (a helper of the
	// library that sleeps or reads a socket).
	if f.Kind == asyncir.Sync && depth > 0 {
		for _, b := range f.Blocks {
			for _, op := range b.Ops {
				if op.Kind != asyncir.OpCall || op.Result == nil {
					continue
				}
				if m := selfMethod(mi, op.Result); m != nil {
					ld.demandFunc(mi, m, depth-1)
					continue
				}
				ld.queueDemand(libDemand{name: ld.external(dottedOf(mi, op.Result)), depth: depth - 1, call: true})
			}
		}
	}
}

// selfMethod is the method of the class being defined that a call on self
// runs ("self._send(data)"), or nil.
func selfMethod(mi *moduleInfo, v *asyncir.Value) *asyncir.Func {
	s := mi.symOf(v)
	if s == nil || s.kind != symCall || s.name == "" {
		return nil
	}
	bs := mi.symOf(s.base)
	if bs == nil || bs.kind != symName || bs.scope == nil || len(bs.scope.stores.get(bs.name)) > 0 {
		return nil
	}
	ps := bs.scope.paramSym[bs.name]
	if ps == nil || ps.kind != symSelf || ps.cls == nil {
		return nil
	}
	if m := ps.cls.LookupMethod(s.name); m != nil && m.Module == mi.mod {
		return m
	}
	return nil
}

// read parses and lowers the needed modules in parallel, each with the
// definitions the waiting demands name in it (firsts, in their order):
// resolving them next round then finds them lowered.
func (ld *libLoader) read(need map[string][]string) {
	var names []string
	for n := range need {
		names = append(names, n)
	}
	out := make([]*moduleInfo, len(names))
	parallel(len(names), ld.opts.Workers, func(i int) {
		out[i] = ld.readOne(names[i])
		if out[i] != nil {
			for _, first := range need[names[i]] {
				if first != "" {
					out[i].define(first)
				}
			}
		}
	})
	for i, mi := range out {
		if mi == nil {
			ld.failed[names[i]] = true
			continue
		}
		ld.infos[names[i]] = mi
		ld.loaded = append(ld.loaded, mi)
	}
}

func (ld *libLoader) readOne(name string) *moduleInfo {
	f := ld.lib.find(name)
	if f.path == "" {
		return nil
	}
	// A module split by an earlier run is not read again (libindex.go).
	sp := ld.lib.loadIndex(f.path)
	s := &source{path: f.path}
	if sp != nil {
		s.src = sp.skeleton
	} else {
		indexAt := ld.lib.indexPath(f.path) // stat'ed before the read
		var warn string
		if s, warn = readSource(File{Path: f.path}, func(string) bool { return false }); warn != "" {
			return nil
		}
		if sp = splitLibrary(s.src, ld.lazyExporters); sp != nil {
			s.src = sp.skeleton
			if s.encoding == "" {
				ld.lib.storeIndex(indexAt, sp)
				sp.stamp = indexAt
			}
		}
	}
	// The module's name is the one it was found by, not the climb from
	// its path (site directories have no __init__.py above them anyway).
	s.name, s.isInit = name, f.isInit
	s.pkg = packageOf(name, f.isInit)
	s.library = true
	// The skeleton's tree comes from the disk when a run parsed the same
	// text before; lowering takes it through a tree cache of its own (the
	// language server's is for project files).
	opts := ld.opts
	opts.Trees = nil
	var stored *tree
	if sp != nil && ld.lib.trees != nil {
		opts.Trees = NewTreeCache(1 << 40)
		if stored = ld.lib.trees.load(sp.skeleton); stored != nil {
			opts.Trees.put(s.path, stored)
		}
	}
	mi := ld.pool.lowerSource(s, opts)
	mi.libTexts = append(mi.libTexts, s.src)
	mi.bindLazyExports(ld.models)
	if opts.Trees != nil && stored == nil {
		ld.lib.trees.store(opts.Trees.get(s.path, sp.skeleton))
	}
	if sp != nil && mi.lazy != nil {
		mi.lazy.split, mi.lazy.pool, mi.lazy.wanted, mi.lazy.trees = sp, ld.pool, ld.wanted, ld.lib.trees
	}
	ld.lib.mu.Lock()
	ld.lib.read = append(ld.lib.read, f.path)
	ld.lib.mu.Unlock()
	if traceLibrary {
		fmt.Fprintf(os.Stderr, "asynclint: library %s: %s (split %v)\n", name, f.path, sp != nil)
	}
	return mi
}

// wanted reports whether a library class's method keeps its body: the
// project names it, or Python calls it (a dunder).
func (ld *libLoader) wanted(name string) bool {
	return ld.used[name] || isDunder(name)
}

// dottedOf is the absolute dotted name an expression of names, attributes
// and calls denotes (the callee, for a call), or "".
func dottedOf(mi *moduleInfo, v *asyncir.Value) string {
	for i := 0; i < 16 && v != nil; i++ {
		s := mi.symOf(v)
		if s == nil {
			return ""
		}
		switch s.kind {
		case symName:
			if fi := s.scope; fi != nil && len(fi.stores.get(s.name)) == 0 {
				// self in a method: the method's class.
				if ps := fi.paramSym[s.name]; ps != nil && ps.kind == symSelf && ps.cls != nil {
					return joinDotted(mi.name, ps.cls.QualName)
				}
			}
			return scopeName(s.scope, s.name)
		case symModule:
			return s.name
		case symSelf, symClsObj:
			if s.cls != nil && s.cls.Module != nil {
				return joinDotted(mi.name, s.cls.QualName)
			}
			return ""
		case symAttr:
			if d := dottedOf(mi, s.base); d != "" {
				return d + "." + s.name
			}
			return ""
		case symCall:
			if s.name != "" {
				if d := dottedOf(mi, s.base); d != "" {
					return d + "." + s.name
				}
				return ""
			}
			v = s.base
		case symAwait:
			v = s.base
		default:
			return ""
		}
	}
	return ""
}

// scopeName is the absolute dotted name a name denotes in scope: an import
// (module-level or local), or a module-level def or class.
func scopeName(fi *funcInfo, name string) string {
	for s := fi; s != nil; s = s.parent {
		if s.isModule {
			break
		}
		if s.declared[name] {
			continue
		}
		if s.isParam(name) {
			return ""
		}
		if vals, ok := s.stores.lookup(name); ok {
			for _, v := range vals {
				if v == nil {
					continue
				}
				if vs := s.mod.symOf(v); vs != nil && vs.kind == symModule {
					return vs.name
				}
			}
			return ""
		}
	}
	if fi == nil {
		return ""
	}
	mi := fi.mod
	g := mi.globals[name]
	if g == nil && mi.lazy != nil && mi.lazy.waiting(name) {
		return joinDotted(mi.name, name) // a definition not lowered yet
	}
	switch {
	case g == nil || g.conflict:
		return ""
	case g.module != "":
		return g.module
	case g.fn != nil || g.cls != nil:
		return joinDotted(mi.name, name)
	}
	return ""
}

// Inputs are what the library's answers so far depend on besides the
// project: the site directories (their listing says which top-level
// packages exist) and every installed file read. A later run that finds
// each unchanged (size and modification time) would read the same.
func (lib *Library) Inputs() []string {
	if env, _ := lib.Environment(); env == nil {
		return nil
	}
	lib.mu.Lock()
	defer lib.mu.Unlock()
	return append(slices.Clone(lib.env.Sites), lib.read...)
}
