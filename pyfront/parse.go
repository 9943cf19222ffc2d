package pyfront

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"os"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/asynclint/asynclint/asyncir"
	runphase "github.com/asynclint/asynclint/internal/phase"
	"github.com/asynclint/asynclint/internal/workers"
)

// File is one input: its path as shown to the user and, optionally, its
// content (editors pass unsaved buffers; nil means read from disk).
type File struct {
	Path    string
	Content []byte
}

// Options tune a parse.
type Options struct {
	// Workers is the number of parser goroutines; 0 means GOMAXPROCS.
	Workers int
	// Timeout bounds the parse of one file.
	Timeout time.Duration
	// Eager lowers every file, skipping the fast path (for parse-only
	// benchmarks and the LSP's open documents).
	Eager bool
	// ParseOnly parses every file and lowers nothing (the benchmark
	// baseline).
	ParseOnly bool
	// Library reads what the project imports from its environment
	// (nil: only the project is known).
	Library *Library
	// Trees, when set, reuses the syntax trees of unchanged files from
	// earlier Loads (the language server).
	Trees *TreeCache
	// KeepSession keeps what NewSession needs of the result (every file's
	// text, the lowerer's and linker's tables). Without it, a file's text
	// is released as soon as nothing in the run needs it any more (read
	// again if the fast path comes back to it), and the tables at the end.
	KeepSession bool
	// RootPaths, when set, are the paths whose common directory is the
	// fallback import root (namespace.go) instead of the files': a run
	// over a part of a project (the on-disk cache re-checks only what
	// changed) names its modules as the run over all of it does.
	RootPaths []string
}

// Warning is a file the run could not analyse, with a one-line reason.
type Warning struct {
	Path, Message string
	// Transient marks a problem of the run, not of the file (a parse
	// that did not finish in time on a busy machine): a result cache
	// must not keep it.
	Transient bool
}

func (w Warning) String() string { return w.Path + ": " + w.Message }

// Result is the outcome of Load.
type Result struct {
	Program  *asyncir.Program
	Warnings []Warning
	// Lowered counts files that were parsed and lowered; Skipped those the
	// fast path proved irrelevant.
	Lowered, Skipped int
	Lines            int
	// LibraryFiles counts the installed files read for what the project
	// imports.
	LibraryFiles int
	// linked is what a Session keeps of the run (session.go).
	linked *linkedSet
}

// source is one readable input before parsing.
type source struct {
	path string
	// src is the text, nil while it is released (release, load).
	src []byte
	// file is where src was read from; size, lines (Load) and sum
	// describe src as first read.
	file  File
	size  int
	lines int
	sum   uint64
	// words indexes the words of a skipped file whose text is released;
	// checked counts, per import, the names looked for in it so far
	// (mentionsExport).
	words   wordFilter
	checked []int
	// changed: the text read again differs from the first (the file
	// changed during the run); the file is not analysed.
	changed bool
	name    string
	pkg     string
	isInit  bool
	// encoding is the PEP 263 encoding src was decoded from (encoding.go).
	encoding string
	// library: an installed module (library.go).
	library bool
	// aliases are further names of the module (namespace.go).
	aliases []string
	marker  bool
	// onDemand: lowered only because async code calls into it (lazy.go).
	onDemand bool
	// inParts: parsed and lowered in parts (filesplit.go).
	inParts bool
	imports []string
	mi      *moduleInfo
}

// Load reads, parses, lowers and links the given files.
func Load(files []File, models *asyncir.Models, opts Options) *Result {
	res := &Result{}
	srcs := make([]*source, len(files))
	warn := make([]string, len(files))
	initCache := &dirCache{m: map[string]bool{}}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	if opts.RootPaths != nil {
		paths = opts.RootPaths
	}
	roots := newRootFinder(paths)
	var spelled *runNames
	if !opts.KeepSession && !opts.Eager && !opts.ParseOnly && opts.Trees == nil {
		spelled = newRunNames()
	}
	phase := runphase.Start("read")
	parallel(len(files), opts.Workers, func(i int) {
		s, w := readSource(files[i], initCache.has)
		srcs[i], warn[i] = s, w
		if s == nil {
			return
		}
		roots.namespaceAliases(s, initCache.has)
		s.lines = countLines(s.src)
		if spelled != nil && s.marker {
			spelled.addMarked(s.src)
		}
		if !opts.KeepSession && !opts.Eager && !opts.ParseOnly && !s.marker {
			// Most files are never lowered: what the fast path asks of
			// them is answered from their words.
			var other defNames
			if spelled != nil {
				other = spelled.other
			}
			s.words = newWordFilterAlso(s.src, other)
			s.release()
		}
	})
	var kept []*source
	for i, s := range srcs {
		if warn[i] != "" {
			res.Warnings = append(res.Warnings, Warning{Path: files[i].Path, Message: warn[i]})
			continue
		}
		res.Lines += s.lines
		kept = append(kept, s)
	}
	// The fast path: lower files with an async marker, then files that
	// import a lowered module and mention one of its async names, until
	// nothing changes.
	lower := make([]bool, len(kept))
	for i, s := range kept {
		lower[i] = opts.Eager || opts.ParseOnly || s.marker
	}
	pool := newParserPool()
	defer pool.releaseGC() // when Load does not reach releaseParsing
	if spelled != nil {
		spelled.merge()
	}
	pool.names = spelled
	var mods []*asyncir.Module
	var lowered []*moduleInfo
	infos := map[string]*moduleInfo{}
	done := make([]bool, len(kept))
	helpers := helperSet{}
	exports := newExportIndex()
	asked := make([]int, len(kept)) // entries of helpers[name] already followed, +1
	names := map[string]bool{}
	primary := map[string]string{} // every name of a module → its own name
	for _, s := range kept {
		if s.name != "" {
			names[s.name] = true
			primary[s.name] = s.name
		}
	}
	for _, s := range kept {
		for _, a := range s.aliases {
			if s.name != "" && !names[a] {
				names[a] = true
				primary[a] = s.name
			}
		}
	}
	var prefetched <-chan struct{} // the installed packages' verdicts (libprefetch.go)
	if opts.Library != nil && !opts.ParseOnly {
		prefetched = opts.Library.prefetchSync(importedTops(kept, names))
	}
	for {
		var todo []int
		for i := range kept {
			if lower[i] && !done[i] {
				todo = append(todo, i)
				done[i] = true
			}
		}
		if len(todo) == 0 {
			break
		}
		phase = phase.Next("lower")
		largestFirst(todo, kept, opts.Workers, func(i int) {
			s := kept[i]
			if !s.load() {
				s.mi = newModuleInfo(s, false)
				s.mi.gaveUp = true
				return
			}
			s.mi = pool.lowerSource(s, opts)
			checkGC()
			// What its lowered code refers to is lowered here, in
			// parallel, rather than by the helper walk below.
			s.mi.defineReachedInParts()
			if s.mi.lazy == nil && !opts.KeepSession {
				s.release() // lowered whole: the text is not read again
			}
		})
		for _, i := range todo {
			s := kept[i]
			mods = append(mods, s.mi.mod)
			lowered = append(lowered, s.mi)
			if s.name != "" {
				infos[s.name] = s.mi
			}
		}
		for _, i := range todo {
			for _, a := range kept[i].aliases {
				if primary[a] == kept[i].name && infos[a] == nil {
					infos[a] = kept[i].mi
				}
			}
		}
		if opts.ParseOnly {
			break
		}
		phase = phase.Next("helpers")
		// Synchronous helpers that async code calls into are lowered too
		// (see helpers.go); modules nothing async calls stay skipped.
		// Each pass walks, in parallel, the modules asked for new names
		// since their last walk; what the walks call is added after it.
		// The sets only grow, so the passes reach the same fixed point
		// as walking one module after another.
		for {
			var walk []int
			var roots []bool
			for i, s := range kept {
				if !done[i] || s.name == "" {
					continue
				}
				root := s.mi.mod.HasAsync || importsAsyncio(s.mi.mod)
				entries := helpers[s.name]
				if !root && entries == nil || asked[i] == len(entries)+1 {
					continue
				}
				asked[i] = len(entries) + 1
				walk = append(walk, i)
				roots = append(roots, root)
			}
			if len(walk) == 0 {
				break
			}
			targets := make([][]string, len(kept))
			parallel(len(walk), opts.Workers, func(j int) {
				s := kept[walk[j]]
				targets[walk[j]] = callTargets(s.mi, helpers[s.name], roots[j])
			})
			for _, i := range walk {
				for _, t := range targets[i] {
					if m, name, ok := splitTarget(t, names); ok {
						helpers.add(primary[m], name)
					}
				}
			}
		}
		phase = phase.Next("widen")
		exports.update(infos)
		for widened := true; widened; {
			// Modules lowered in part lower what the new async names
			// reach (partial.go), which may add names in turn.
			grew := make([]bool, len(kept))
			parallel(len(kept), opts.Workers, func(i int) {
				if done[i] && kept[i].mi != nil {
					grew[i] = kept[i].mi.widen(kept[i], exports)
				}
			})
			if widened = slices.Contains(grew, true); widened {
				exports.update(infos)
			}
		}
		phase = phase.Next("mentions")
		mentions := make([]bool, len(kept))
		parallel(len(kept), opts.Workers, func(i int) {
			if s := kept[i]; !lower[i] || s.onDemand && done[i] {
				mentions[i] = s.mentionsExport(exports.names)
			}
		})
		for i, s := range kept {
			switch {
			case lower[i]:
				// A module lowered for its helpers whose text turns out to
				// mention async names is lowered whole after all.
				if s.onDemand && done[i] && mentions[i] {
					s.onDemand = false
					s.mi.defineAll()
				}
			case mentions[i]:
				lower[i] = true
			case helpers[s.name] != nil:
				lower[i] = true
				s.onDemand = true
			}
		}
	}
	var finish []int
	for i, s := range kept {
		if s.mi != nil && !s.library {
			finish = append(finish, i)
		}
	}
	phase = phase.Next("finish")
	largestFirst(finish, kept, opts.Workers, func(i int) {
		kept[i].mi.finishLazy() // modules lowered lazily, or in parts
		if !opts.KeepSession {
			kept[i].release()
		}
	})
	gaveUp := 0
	for i, s := range kept {
		if !done[i] {
			res.Skipped++
			mods = append(mods, &asyncir.Module{Name: s.name, Path: s.path, Lang: asyncir.Python})
		} else if s.mi != nil && s.mi.gaveUp {
			gaveUp++
			s.mi.mod.Lowered = false
			msg := fmt.Sprintf("parsing did not finish within %s (a busy machine, or a pathological file); not analysed", parseTimeout(opts))
			if s.changed {
				msg = "changed while it was being checked; not analysed"
			}
			res.Warnings = append(res.Warnings, Warning{Path: s.path, Transient: true, Message: msg})
		}
	}
	res.Lowered = len(kept) - res.Skipped - gaveUp
	res.Program = asyncir.NewProgram(mods, models)
	if !opts.ParseOnly {
		if opts.Library != nil {
			phase = phase.Next("library")
			<-prefetched
			libMods := opts.Library.loadLibrary(lowered, names, infos, models, pool, opts)
			res.LibraryFiles = len(libMods)
			for _, mi := range libMods {
				res.Program.Library = append(res.Program.Library, mi.mod)
			}
			lowered = append(lowered, libMods...)
		}
		pool.releaseParsing(opts.KeepSession)
		phase = phase.Next("link")
		link(lowered, infos, models)
		if opts.KeepSession {
			res.linked = &linkedSet{sources: kept, lowered: lowered, infos: infos, names: names}
		}
	}
	phase.End()
	return res
}

// bridgeCand is a module-level name bridgeNames may mark: whether its own
// code is on the thread side (base), and the names it mentions.
type bridgeCand struct {
	name     string
	base     bool
	mentions []string
}

// bridgeData is what bridgeNames needs of one module, computed once.
type bridgeData struct {
	cands []bridgeCand
	// names maps a name bound by "from m import x as name" to (m, x);
	// modules lists the modules bound by "import m" / "from pkg import m".
	names   map[string]struct{ module, name string }
	modules []string
}

func (mi *moduleInfo) bridgeInfo() *bridgeData {
	if mi.bridge != nil {
		return mi.bridge
	}
	bi := &bridgeData{names: map[string]struct{ module, name string }{}}
	for _, imp := range mi.mod.Imports {
		switch {
		case imp.Name == "*":
		case imp.Name == "":
			bi.modules = append(bi.modules, imp.Module)
		default:
			bi.names[imp.Alias] = struct{ module, name string }{imp.Module, imp.Name}
			bi.modules = append(bi.modules, joinDotted(imp.Module, imp.Name))
		}
	}
	for g, b := range mi.globals {
		if b.module != "" {
			continue
		}
		c := bridgeCand{name: g}
		var funcs []*asyncir.Func
		switch {
		case b.fn != nil && b.fn.Kind == asyncir.Sync:
			funcs = []*asyncir.Func{b.fn}
		case b.cls != nil:
			for _, m := range b.cls.Methods {
				if m.Kind == asyncir.Sync {
					funcs = append(funcs, m)
				}
			}
		}
		seen := map[string]bool{}
		for _, f := range funcs {
			f.Ops(func(op *asyncir.Op) {
				var m string
				switch op.Kind {
				case asyncir.OpCall:
					if op.Recv == nil {
						return
					}
					if op.Method == "run" { // asyncio.run, not subprocess.run
						r := op.Recv.Def
						c.base = c.base || r != nil && r.Kind == asyncir.OpLoad && r.Var == "asyncio"
						return
					}
					c.base = c.base || bridgeMethods[op.Method]
					m = op.Method
				case asyncir.OpLoad:
					c.base = c.base || bridgeClasses[op.Var]
					m = op.Var
				case asyncir.OpAttr:
					c.base = c.base || bridgeClasses[op.Attr]
				}
				if m != "" && !seen[m] {
					seen[m] = true
					c.mentions = append(c.mentions, m)
				}
			})
		}
		for _, v := range b.values {
			// request_id = ContextVar(...), pool = ThreadPoolExecutor()
			if v == nil {
				continue
			}
			if d := v.Def; d != nil && d.Kind == asyncir.OpCall && d.Index > 0 {
				prev := d.Block.Ops[d.Index-1]
				c.base = c.base || bridgeClasses[d.Method] || prev.Kind == asyncir.OpLoad && bridgeClasses[prev.Var]
			}
		}
		if c.base || len(c.mentions) > 0 {
			bi.cands = append(bi.cands, c)
		}
	}
	mi.bridge = bi
	return bi
}

// bridgeMethods start a loop or hand work to another thread; bridgeClasses
// make context variables and executors.
var (
	bridgeMethods = map[string]bool{"run_until_complete": true, "run_forever": true, "run_in_executor": true}
	bridgeClasses = map[string]bool{"ContextVar": true, "ThreadPoolExecutor": true, "ProcessPoolExecutor": true}
)

func hasAsyncMethod(c *asyncir.Class) bool {
	for _, m := range c.Methods {
		if m.IsAsync() {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mentionsExport reports whether s mentions, as a word, an async name of
// a module it imports (exports) that was not looked for in it before:
// the lists only grow, and the text does not change.
func (s *source) mentionsExport(exports map[string][]string) bool {
	if s.checked == nil {
		s.checked = make([]int, len(s.imports))
	}
	var maybe []string
	for j, imp := range s.imports {
		names := exports[imp]
		for _, name := range names[s.checked[j]:] {
			switch {
			case s.src != nil:
				if containsWord(s.src, name) {
					return true
				}
			case len(s.words) == 0 || s.words.mayContain(name):
				maybe = append(maybe, name)
			}
		}
		s.checked[j] = len(names)
	}
	if len(maybe) == 0 {
		return false
	}
	if !s.load() {
		return true // lowering reports the change
	}
	for _, name := range maybe {
		if containsWord(s.src, name) {
			return true // lowered next: the text stays
		}
	}
	s.release()
	return false
}

// textSeed hashes the texts a run releases, to recognise them when read
// again.
var textSeed = maphash.MakeSeed()

// release drops s's text (load reads it again).
func (s *source) release() {
	if s.src != nil && s.sum == 0 {
		s.sum = maphash.Bytes(textSeed, s.src) | 1
	}
	s.src = nil
}

// load reads s's text again if it was released; false when the file no
// longer holds the text first read.
func (s *source) load() bool {
	if s.src != nil || s.changed {
		return !s.changed
	}
	src, _, warn := readText(s.file)
	if warn != "" || len(src) != s.size || maphash.Bytes(textSeed, src)|1 != s.sum {
		s.changed = true
		return false
	}
	s.src = src
	return true
}

// readText reads and decodes f's text, or says why it cannot be checked.
func readText(f File) (src []byte, enc, warn string) {
	src = f.Content
	if src == nil {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			if pe, ok := err.(*os.PathError); ok {
				err = pe.Err
			}
			return nil, "", fmt.Sprintf("cannot read file: %v", err)
		}
		src = b
	}
	if i := indexNUL(src); i >= 0 {
		return nil, "", "binary file (NUL byte), skipped"
	}
	src, enc, ok := decodeSource(src)
	if !ok {
		return nil, "", fmt.Sprintf("cannot decode with its declared encoding %q, skipped", enc)
	}
	if !utf8.Valid(src) {
		return nil, "", fmt.Sprintf("not valid UTF-8 (at byte %d), skipped", firstInvalid(src))
	}
	return src, enc, ""
}

func readSource(f File, hasInit func(string) bool) (*source, string) {
	src, enc, warn := readText(f)
	if warn != "" {
		return nil, warn
	}
	s := &source{path: f.Path, src: src, file: f, size: len(src), encoding: enc}
	s.name, s.isInit = moduleName(f.Path, hasInit)
	s.pkg = packageOf(s.name, s.isInit)
	s.marker = hasCodeMarker(src)
	s.imports = scanImports(src, s.pkg, s.isInit)
	return s, ""
}

func indexNUL(b []byte) int { return bytes.IndexByte(b, 0) }

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func countLines(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

type dirCache struct {
	mu sync.Mutex
	m  map[string]bool
}

func (c *dirCache) has(dir string) bool {
	c.mu.Lock()
	v, ok := c.m[dir]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = statInit(dir)
	c.mu.Lock()
	c.m[dir] = v
	c.mu.Unlock()
	return v
}

// parallel runs fn(0..n-1) on workers goroutines (0: GOMAXPROCS).
func parallel(n, w int, fn func(i int)) { workers.Run(n, w, fn) }

// largestFirst runs fn(i) for each i of idx on w workers, the largest
// sources first: a large file started last would leave the other cores
// idle while it finishes.
func largestFirst(idx []int, srcs []*source, w int, fn func(i int)) {
	order := slices.Clone(idx)
	slices.SortStableFunc(order, func(a, b int) int { return srcs[b].size - srcs[a].size })
	parallel(len(order), w, func(k int) { fn(order[k]) })
}

// parse parses src, or only ranges of it, within timeout with one of the
// pool's parsers; nil when the parse gave up (use, buf: as parseText).
func (p *parserPool) parse(src []byte, ranges []sitter.Range, timeout time.Duration, use treeUse, buf []node) *tree {
	t := p.parseKeepingHeap(src, ranges, timeout, use, buf)
	if parsedSize(src, ranges) >= trimAfter {
		trimCHeap()
	}
	return t
}

// parseKeepingHeap is parse without the trim of the C heap after it: for
// the parses of a run of segments, which trims once when they are done
// (a trim per parse returned the pages the next parse faulted in again).
func (p *parserPool) parseKeepingHeap(src []byte, ranges []sitter.Range, timeout time.Duration, use treeUse, buf []node) *tree {
	if parseRequestHook != nil {
		parseRequestHook(src, ranges, use)
	}
	if t := goParseFor(src, ranges, timeout, use, buf); t != nil {
		return t
	}
	return p.parseWithSitter(src, ranges, timeout, use, buf)
}

// parseRequestHook, when set (by tests), sees every parse request.
var parseRequestHook func(src []byte, ranges []sitter.Range, use treeUse)

// parseWithSitter is parseKeepingHeap by tree-sitter alone.
func (p *parserPool) parseWithSitter(src []byte, ranges []sitter.Range, timeout time.Duration, use treeUse, buf []node) *tree {
	ps := p.pool.Get().(*sitter.Parser)
	defer p.pool.Put(ps)
	// The operation limit bounds the parse inside tree-sitter; ParseCtx
	// would start a goroutine per parse and can leave the parser's
	// cancellation flag set for the next file.
	ps.SetOperationLimit(int(timeout / time.Microsecond))
	if ranges != nil {
		ps.SetIncludedRanges(ranges)
		defer ps.SetIncludedRanges(everyRange)
	}
	t := parseText(p.g, ps, src, use, buf)
	if t == nil {
		// A parse that hit its deadline leaves the parser mid-parse.
		ps.Reset()
	}
	return t
}

// parserPool hands each worker its own tree-sitter parser.
type parserPool struct {
	g    *grammar
	pool sync.Pool
	// names, when set, lets a module lowered in part leave out the
	// methods no code of the run names (members.go).
	names *runNames
	// gcHeld: the run holds the collector off (gchold.go).
	gcMu   sync.Mutex
	gcHeld bool
}

var grammarOnce = sync.OnceValue(newGrammar)

func newParserPool() *parserPool {
	p := &parserPool{g: grammarOnce()}
	p.pool.New = func() any {
		ps := sitter.NewParser()
		ps.SetLanguage(p.g.lang)
		return ps
	}
	return p
}

// newModuleInfo is the empty module a source is lowered into; whole says
// whether all of its text is lowered at once.
func newModuleInfo(s *source, whole bool) *moduleInfo {
	mod := &asyncir.Module{Name: s.name, Path: s.path, Lang: asyncir.Python, Lowered: true, Encoding: s.encoding}
	// A module lowered whole has about one symbol per 16 bytes; one read
	// for what the project takes from it (a library module, a helper
	// module), or lowered in part, lowers a few definitions of a large
	// text, and a map sized for all of it is mostly cleared memory.
	size := 0
	if whole {
		size = len(s.src) / 16
	}
	return &moduleInfo{mod: mod, name: s.name, pkg: s.pkg, isInit: s.isInit, globals: map[string]*binding{}, syms: make([]*sym, 0, size), imports: s.imports, library: s.library, onDemand: s.onDemand}
}

// lowerSource parses one file with a deadline, copies the tree, closes it
// and lowers the copy.
func (p *parserPool) lowerSource(s *source, opts Options) *moduleInfo {
	return p.lowerSourceWith(s, opts, nil)
}

// lowerSourceWith is lowerSource that also shows the copied tree to
// visit before it is lowered (the library cache reduces it).
func (p *parserPool) lowerSourceWith(s *source, opts Options, visit func(*tree)) *moduleInfo {
	timeout := parseTimeout(opts)
	// A module lowered in part is parsed in parts (filesplit.go); a large
	// one lowered whole, in segments (segments.go).
	fs := p.splitFor(s, opts)
	if fs == nil && opts.Trees == nil && visit == nil && !opts.ParseOnly && !s.library && !s.onDemand {
		if segs := splitSegments(s.src, segmentSize); segs != nil {
			if mi, ok := p.lowerSegmented(s, segs, timeout); ok {
				return mi
			}
		}
	}
	mi := newModuleInfo(s, fs == nil && !s.library && !s.onDemand && !opts.ParseOnly)
	if opts.Trees != nil && !opts.ParseOnly {
		if t := opts.Trees.get(s.path, s.src); t != nil {
			lowerModule(t, mi, s.path)
			return mi
		}
	}
	if fs != nil {
		fs.pool, fs.timeout = p, timeout
		// A syntax error in what was parsed is recovered from differently
		// without the rest of the file: the file is parsed whole.
		// Its first tree is dropped once lowered (lowerModule).
		t := fs.parse(fs.rangesOf(fs.lowerSpans(fs.setAside(p.eagerFor(s, fs)))))
		if t != nil && !t.hasSyntaxError() {
			mi.split, s.inParts = fs, true
			lowerModule(t, mi, s.path)
			t.recycle()
			return mi
		}
		t.recycle()
	}
	// A module lowered lazily (onDemand, library) keeps its tree for
	// what it lowers later, as do the callers that see it.
	use := passingTree
	switch {
	case opts.ParseOnly:
		use = noTree
	case s.onDemand || s.library || opts.Trees != nil || visit != nil:
		use = keptTree
	}
	t := p.parse(s.src, nil, timeout, use, nil)
	if t == nil {
		// Not a syntax error: nothing is known of the file (Load warns).
		mi.gaveUp = true
		return mi
	}
	if opts.ParseOnly {
		return mi
	}
	if visit != nil {
		visit(t)
	}
	if opts.Trees != nil {
		opts.Trees.put(s.path, t)
	}
	lowerModule(t, mi, s.path)
	if use == passingTree {
		t.recycle()
	}
	return mi
}

// parseTimeout bounds the parse of one file: tree-sitter's limit is wall
// time, so a parse that hits it says nothing of the file.
func parseTimeout(opts Options) time.Duration {
	if opts.Timeout == 0 {
		return 30 * time.Second
	}
	return opts.Timeout
}
