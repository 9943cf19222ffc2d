package pyfront

import (
	"slices"
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

// linkedSet is what Load lowered and linked, for a Session.
type linkedSet struct {
	sources []*source
	lowered []*moduleInfo // project modules, then library modules
	infos   map[string]*moduleInfo
	names   map[string]bool
}

// NewSession keeps what res lowered and linked; res must not be used
// by anyone else afterwards, as Update changes its modules. It returns nil
// for a result that linked nothing (ParseOnly) or was loaded without
// Options.KeepSession.
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
	if old.onDemand || old.inParts {
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
	mi := newModuleInfo(ns, true)
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
	return flattenTree(s.pool.g, tr, ns.src)
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
	s.lk.worker().writeBack(wholeModule(mi))
}
