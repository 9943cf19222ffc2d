package blockingcall

import (
	"net"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// witness says why calling a synchronous function may block: op is the
// first call on the way, in the function's own body; rest is the witness
// of the helper op calls, or nil when op is the blocking API call itself,
// whose model is api. n counts the calls.
type witness struct {
	op   *asyncir.Op
	rest *witness
	api  *asyncir.APIModel
	n    int
}

func (w *witness) tier() asyncir.BlockTier { return w.api.BlockingTier() }

// through is the witness of a call op whose callee has witness w.
func (w *witness) through(op *asyncir.Op) *witness {
	return &witness{op: op, rest: w, api: w.api, n: w.n + 1}
}

// hops lists the calls from the function's own body down to the
// blocking API call (the last).
func (w *witness) hops() []*asyncir.Op {
	out := make([]*asyncir.Op, 0, w.n)
	for ; w != nil; w = w.rest {
		out = append(out, w.op)
	}
	return out
}

// better reports whether w makes a better witness than o: it waits on
// something costlier, or as costly through a shorter chain.
func (w *witness) better(o *witness) bool {
	if o == nil {
		return true
	}
	if w.tier() != o.tier() {
		return w.tier() > o.tier()
	}
	return w.n < o.n
}

// site is a call in a synchronous function that may block: a blocking
// API (api) or a call that runs the body of a helper (callee).
type site struct {
	op     *asyncir.Op
	api    *asyncir.APIModel
	callee *asyncir.Func
}

// fnSites is what the summary keeps of a synchronous function: its sites
// on blocks its entry reaches, and the parameters a call's arguments can
// say something useful about (those its branches test or that it passes
// on to helpers).
type fnSites struct {
	sites   []site
	params  map[string]bool
	guarded bool
}

// mayBlock is the program's may-block summary: the synchronous functions
// whose call can block the calling thread, each with its witness (the
// costliest blocking call it can reach, through a shortest chain).
type mayBlock struct {
	w   map[*asyncir.Func]*witness
	fns map[*asyncir.Func]*fnSites
	// library marks the functions of installed modules: entered like
	// the program's, over chains of at most maxLibraryChain calls.
	library map[*asyncir.Func]bool
}

// maxLibraryChain bounds the calls from a library function down to the
// blocking call it witnesses: a library is read only a few definitions
// deep, and a long chain through code nobody here wrote is more likely
// a path it never takes.
const maxLibraryChain = 3

// admits reports whether w may be f's witness.
func (mb *mayBlock) admits(f *asyncir.Func, w *witness) bool {
	return !mb.library[f] || w.n <= maxLibraryChain
}

const mayBlockKey = "blockingcall.mayblock"

// maxSpecialise bounds how many calls deep known arguments are followed.
const maxSpecialise = 4

// summary returns the program's may-block summary, computed once.
func summary(p *asyncir.Program) *mayBlock {
	return p.Summary(mayBlockKey, func(p *asyncir.Program) any { return computeMayBlock(p) }).(*mayBlock)
}

// computeMayBlock finds each function's witness one tier at a time, from
// waiting down to file-system metadata: the functions that call an API of
// at least that tier themselves seed a breadth-first walk of the reverse
// call graph, so each chain is a shortest one and recursion needs no
// special case. A call whose known arguments say something about its
// callee's parameters is set aside when the walk reaches it: it counts
// only once the callee, specialised to those arguments, still reaches a
// blocking call of the tier. (Arguments are looked at only for callees
// that may block, a small part of all calls.)
func computeMayBlock(p *asyncir.Program) *mayBlock {
	mb := &mayBlock{w: map[*asyncir.Func]*witness{}, fns: map[*asyncir.Func]*fnSites{}, library: map[*asyncir.Func]bool{}}
	var order []*asyncir.Func
	var reach asyncir.Reacher
	add := func(f *asyncir.Func) {
		if (f.Kind == asyncir.Sync || f.Kind == asyncir.Generator) && !cold(p.Models, f) {
			// A function without sites never blocks: it needs no entry.
			if fs := collectSites(p, f, &reach); fs != nil {
				mb.fns[f] = fs
				order = append(order, f)
			}
		}
	}
	p.AllFuncs(add)
	p.LibraryFuncs(func(f *asyncir.Func) {
		mb.library[f] = true
		add(f)
	})
	callers := map[*asyncir.Func][]site{}
	for _, f := range order {
		for _, s := range mb.fns[f].sites {
			if s.callee != nil && mb.fns[s.callee] != nil {
				callers[s.callee] = append(callers[s.callee], s)
			}
		}
	}
	var setAside []site
	for _, tier := range []asyncir.BlockTier{asyncir.TierWaiting, asyncir.TierData, asyncir.TierMetadata} {
		var queue []*asyncir.Func
		for _, f := range order {
			if mb.w[f] != nil {
				continue
			}
			// The costliest of its own blocking calls, the first of equals.
			var best *site
			for i, s := range mb.fns[f].sites {
				if t := s.api.BlockingTier(); s.api != nil && t >= tier && (best == nil || t > best.api.BlockingTier()) {
					best = &mb.fns[f].sites[i]
				}
			}
			if best != nil {
				mb.w[f] = &witness{op: best.op, api: best.api, n: 1}
				queue = append(queue, f)
			}
		}
		for len(queue) > 0 {
			for ; len(queue) > 0; queue = queue[1:] {
				g := queue[0]
				for _, s := range callers[g] {
					f := s.op.Func()
					switch {
					case mb.w[f] != nil, !mb.admits(f, mb.w[g].through(s.op)):
					case len(mb.binding(s.op, g, nil)) > 0:
						setAside = append(setAside, s)
					default:
						mb.w[f] = mb.w[g].through(s.op)
						queue = append(queue, f)
					}
				}
				// Set aside once: the callee's callers are walked once.
				callers[g] = nil
			}
			for _, s := range setAside {
				f := s.op.Func()
				if mb.w[f] != nil {
					continue
				}
				if w := mb.at(s.op, s.callee, nil, 0); w != nil && w.tier() >= tier && mb.admits(f, w.through(s.op)) {
					mb.w[f] = w.through(s.op)
					queue = append(queue, f)
				}
			}
		}
	}
	return mb
}

// collectSites lists f's blocking calls and helper calls on the blocks
// its entry reaches, and the parameters worth binding at its calls; nil
// when there are no such calls.
func collectSites(p *asyncir.Program, f *asyncir.Func, reacher *asyncir.Reacher) *fnSites {
	var fs *fnSites
	reach := reacher.Blocks(f, nil)
	for _, b := range f.Blocks {
		if !reach[b.Index] {
			continue
		}
		for _, op := range b.Ops {
			s := site{op: op, api: blockingAPI(p, op)}
			if s.api == nil {
				g, at := runsBody(op)
				if g == nil || g == f {
					continue
				}
				s.op, s.callee = at, g
			}
			if fs == nil {
				fs = &fnSites{}
			}
			fs.sites = append(fs.sites, s)
		}
	}
	if fs == nil {
		return nil
	}
	for _, b := range f.Blocks {
		if reach[b.Index] && b.Guard != nil {
			fs.guarded = true
			for _, name := range b.Guard.Params() {
				fs.addParam(name)
			}
		}
	}
	for _, s := range fs.sites {
		if s.callee != nil {
			passedParams(s.op, fs)
		}
	}
	return fs
}

func (fs *fnSites) addParam(name string) {
	if fs.params == nil {
		fs.params = map[string]bool{}
	}
	fs.params[name] = true
}

// passedParams adds the parameters of the calling function that a call
// passes on as arguments.
func passedParams(op *asyncir.Op, fs *fnSites) {
	add := func(v *asyncir.Value) {
		if v != nil && v.Def != nil && v.Def.Kind == asyncir.OpLoad && !v.Def.Global && len(v.Def.Defs()) == 0 {
			fs.addParam(v.Def.Var)
		}
	}
	for _, a := range op.Args {
		add(a)
	}
	for _, k := range op.Keywords() {
		add(k.Value)
	}
}

// binding is what the call op of g knows about g's parameters that
// matter (outer binds the caller's own parameters).
func (mb *mayBlock) binding(op *asyncir.Op, g *asyncir.Func, outer asyncir.Binding) asyncir.Binding {
	fs := mb.fns[g]
	if fs == nil || len(fs.params) == 0 {
		return nil
	}
	return asyncir.CallBinding(op, g, outer, func(name string) bool { return fs.params[name] })
}

// at is the witness of the call op of g (outer binds the caller's
// parameters): g's own, or, when the call's arguments are known, the best
// blocking call g still reaches with them; nil when none.
func (mb *mayBlock) at(op *asyncir.Op, g *asyncir.Func, outer asyncir.Binding, depth int) *witness {
	if mb.w[g] == nil || depth >= maxSpecialise {
		return mb.w[g]
	}
	bind := mb.binding(op, g, outer)
	if len(bind) == 0 {
		return mb.w[g]
	}
	reach := asyncir.ReachableBlocks(g, bind)
	if asyncir.CallsItself(g, reach) {
		return mb.w[g] // countdown(3) recurses with n - 1
	}
	var best *witness
	for _, s := range mb.fns[g].sites {
		if !reach[s.op.Block.Index] {
			continue
		}
		w := &witness{op: s.op, api: s.api, n: 1}
		if s.api == nil {
			sub := mb.at(s.op, s.callee, bind, depth+1)
			if sub == nil {
				continue
			}
			w = sub.through(s.op)
		}
		if w.better(best) {
			best = w
		}
	}
	return best
}

// onlyWhen spells the conditions, undecided by the call op of g, under
// which the chain hops runs: " only when `host == 'localhost'`", or ""
// when it always does. Conditions in the helpers further down count when
// they test a parameter of g passed on to them unchanged.
func (mb *mayBlock) onlyWhen(op *asyncir.Op, g *asyncir.Func, hops []*asyncir.Op) string {
	bind := mb.binding(op, g, nil)
	alias := map[string]string{}
	for _, p := range g.Params {
		alias[p.Name] = p.Name
	}
	var conds []*asyncir.Guard
	seen := map[string]bool{}
	fn := g
	for i, h := range hops {
		if fs := mb.fns[fn]; fs != nil && fs.guarded {
			for _, c := range asyncir.NecessaryGuards(fn, bind, h.Block) {
				if c = c.Rename(alias); c != nil && !seen[c.String()] {
					seen[c.String()] = true
					conds = append(conds, c)
				}
			}
		}
		if i == len(hops)-1 {
			break
		}
		next := hops[i+1].Func()
		if alias = asyncir.PassedOn(h, next, alias); len(alias) == 0 {
			break
		}
		bind, fn = mb.binding(h, next, bind), next
	}
	return asyncir.OnlyWhen(conds)
}

// syncCallee is the project function a call runs synchronously: a plain
// function, a method or a constructor's __init__. Calls that only create
// an awaitable or a generator do not run the body.
func syncCallee(op *asyncir.Op) *asyncir.Func {
	g := op.Callee
	if g == nil || g.Kind != asyncir.Sync || g.CallResult.Await != asyncir.NotAwaitable {
		return nil
	}
	return g
}

// runsBody returns the project function whose body op runs on the
// calling thread, and the call to name in messages: a synchronous call, or
// a for loop over a call of a generator function (the generator's body
// runs as the loop iterates).
func runsBody(op *asyncir.Op) (*asyncir.Func, *asyncir.Op) {
	switch op.Kind {
	case asyncir.OpCall:
		if g := syncCallee(op); g != nil {
			return g, op
		}
	case asyncir.OpFor:
		if op.Async || op.Operand == nil || op.Operand.Def == nil || op.Operand.Def.Kind != asyncir.OpCall {
			return nil, nil
		}
		if call := op.Operand.Def; call.Callee != nil && call.Callee.Kind == asyncir.Generator {
			return call.Callee, call
		}
	}
	return nil, nil
}

// blockingAPI returns the model of a call that blocks: an external API of
// the tables, or a project function the configuration names, unless an
// argument turns the wait off or what it waits for is already done.
func blockingAPI(p *asyncir.Program, op *asyncir.Op) *asyncir.APIModel {
	if op.Kind != asyncir.OpCall {
		return nil
	}
	models := p.Models
	name := op.External
	if name == "" && op.Callee != nil {
		name = projectName(models, op.Callee)
	}
	api := models.BlockingAPI(name)
	if api == nil || nonBlocking(api, op) || nonBlockingSocket(models, op) || afterEmptyLoop(api, op) || takesNewLock(api, op) || waitsOnDoneFuture(p, op) {
		return nil
	}
	return api
}

// projectName is the dotted name of a project function as the tables
// spell it, so that linting a tree that contains subprocess.py still
// knows subprocess.run (and configuration can name project functions).
func projectName(models *asyncir.Models, f *asyncir.Func) string {
	if f.Module == nil || f.Module.Name == "" || f.Parent != nil && f.Parent != f.Module.Body && f.Class == nil {
		return ""
	}
	if f.Class != nil {
		return models.Canonical(f.Module.Name+"."+f.Class.QualName) + "." + f.Name
	}
	return models.Canonical(f.Module.Name + "." + f.QualName)
}

// nonBlocking reports whether the call passes an argument that turns the
// wait off (block=False, timeout=0), or might (a non-literal flag, *args).
func nonBlocking(api *asyncir.APIModel, op *asyncir.Op) bool {
	if len(api.BlocksOnlyWith) > 0 && !passesAny(op, api.BlocksOnlyWith) {
		return true
	}
	if len(api.NonBlocking) > 0 && op.Star {
		return true
	}
	for _, nb := range api.NonBlocking {
		v := op.Arg(nb.Pos, nb.Keyword)
		if v == nil {
			continue
		}
		if nb.Flag != "" {
			if namesConstant(v, nb.Flag) {
				return true
			}
			continue
		}
		if nb.IPLiteral {
			if lit, ok := asyncir.ParseLiteral(v.Const()); ok && lit.Kind == asyncir.LitStr && !lit.Raw && net.ParseIP(lit.Str) != nil {
				return true
			}
			continue
		}
		if v.Const() == "" {
			if nb.Unknown {
				return true
			}
			continue
		}
		for _, c := range nb.Values {
			if v.Const() == c {
				return true
			}
		}
	}
	return false
}

// passesAny reports whether the call passes one of the keyword arguments
// with a value other than None; a call through *args or **kwargs is not
// known to.
func passesAny(op *asyncir.Op, keywords []string) bool {
	if op.Star {
		return false
	}
	for _, kw := range keywords {
		if v := op.Keyword(kw); v != nil && v.Const() != "None" {
			return true
		}
	}
	return false
}

// namesConstant reports whether v is the module constant name (a dotted
// "socket.AI_NUMERICHOST"), alone or as an operand of a `|` of flags,
// directly or through a module-level name bound once to such a value
// (trio's _NUMERIC_ONLY = AI_NUMERICHOST | AI_NUMERICSERV).
func namesConstant(v *asyncir.Value, name string) bool {
	return namesConstantWithin(v, name, 4)
}

func namesConstantWithin(v *asyncir.Value, name string, depth int) bool {
	if v == nil || v.Def == nil || depth == 0 {
		return false
	}
	if v.Type().External == name {
		return true
	}
	def := v.Def
	switch def.Kind {
	case asyncir.OpAttr:
		return def.Recv != nil && def.Recv.Type().Kind == asyncir.ModuleObj && def.Recv.Type().External+"."+def.Attr == name
	case asyncir.OpRef:
		for _, a := range def.Args {
			if namesConstantWithin(a, name, depth-1) {
				return true
			}
		}
	case asyncir.OpLoad:
		if b := moduleBinding(def); b != nil {
			return namesConstantWithin(b, name, depth-1)
		}
	}
	return false
}

// moduleBinding is the value a load of a module-level name reads when the
// module body binds that name exactly once; nil otherwise.
func moduleBinding(load *asyncir.Op) *asyncir.Value {
	f := load.Func()
	if f == nil || f.Module == nil || f.Module.Body == nil || load.Var == "" || !load.Global && f != f.Module.Body {
		return nil
	}
	var bound *asyncir.Value
	n := 0
	f.Module.Body.Ops(func(o *asyncir.Op) {
		if o.Kind == asyncir.OpStore && o.Recv == nil && o.Var == load.Var {
			bound, n = o.Operand, n+1
		}
	})
	if n != 1 {
		return nil
	}
	return bound
}

// nonBlockingSocket reports whether a socket method is called in a try
// that handles BlockingIOError, or on a socket (a local, or an attribute
// path such as state.socket) that the same function puts in non-blocking
// mode (setblocking/settimeout), as asyncio's own transports do, or hands
// to a loop method that requires non-blocking mode (loop.sock_recv).
func nonBlockingSocket(models *asyncir.Models, op *asyncir.Op) bool {
	if !strings.HasPrefix(op.External, "socket.socket.") {
		return false
	}
	if op.ExpectWouldBlock {
		return true
	}
	path := accessPath(op.Recv)
	if path == "" {
		return false
	}
	found := false
	op.Func().Ops(func(o *asyncir.Op) {
		switch {
		case found || o.Kind != asyncir.OpCall:
		case o.Method == "setblocking" || o.Method == "settimeout":
			found = accessPath(o.Recv) == path && !setsBlocking(o)
		default:
			a := models.API(o.External)
			found = a != nil && a.TakesNonBlockingSocket && accessPath(o.Arg(0, "sock")) == path
		}
	})
	return found
}

// afterEmptyLoop reports whether op, a get whose model names the
// receiver's emptiness test, comes right after a loop that ran while
// that test said empty (starlette's `while q.empty(): await sleep(0)`
// then `return q.get()`): every way into op's block leaves such a loop
// (no break), and nothing but reads runs between the exit and op.
func afterEmptyLoop(api *asyncir.APIModel, op *asyncir.Op) bool {
	path := accessPath(op.Recv)
	if api.EmptyTest == "" || path == "" || len(op.Block.Preds) == 0 {
		return false
	}
	for _, o := range op.Block.Ops[:op.Index] {
		if o.Kind != asyncir.OpLoad && o.Kind != asyncir.OpAttr {
			return false
		}
	}
	for _, h := range op.Block.Preds {
		if !h.LoopHead || h.Succs[0] == op.Block || !testsEmpty(h, api.EmptyTest, path) {
			return false
		}
	}
	return true
}

// takesNewLock reports whether op acquires a lock its own block has just
// made and stored where op reads it (trio's `self._worker_lock = Lock()`
// then `self._worker_lock.acquire()`), with no call in between that
// could hand it to another thread or take it first.
func takesNewLock(api *asyncir.APIModel, op *asyncir.Op) bool {
	path := accessPath(op.Recv)
	if api.FreeWhenNew == "" || path == "" {
		return false
	}
	for i := int(op.Index) - 1; i >= 0; i-- {
		o := op.Block.Ops[i]
		switch o.Kind {
		case asyncir.OpLoad, asyncir.OpAttr:
		case asyncir.OpStore:
			if storePath(o) != path {
				continue
			}
			made := o.Operand
			return made != nil && made.Def != nil && made.Def.Kind == asyncir.OpCall && made.Def.External == api.FreeWhenNew
		default:
			return false
		}
	}
	return false
}

// storePath spells the local or attribute a store binds, as accessPath
// spells reads; "" for subscripts and anything else.
func storePath(st *asyncir.Op) string {
	switch {
	case st.Recv == nil:
		return st.Var
	case st.Attr != "":
		if p := accessPath(st.Recv); p != "" {
			return p + "." + st.Attr
		}
	}
	return ""
}

// testsEmpty reports whether the loop head h's condition is path.method()
// itself: the head's last op, since a negation or a boolean operator
// around it would come after it.
func testsEmpty(h *asyncir.Block, method, path string) bool {
	if len(h.Ops) == 0 {
		return false
	}
	o := h.Ops[len(h.Ops)-1]
	return o.Kind == asyncir.OpCall && o.Method == method && accessPath(o.Recv) == path
}

// setsBlocking reports whether a setblocking/settimeout call puts the
// socket in blocking mode by a literal: setblocking(True), settimeout(None)
// or a positive timeout. Anything else may well mean non-blocking mode.
func setsBlocking(o *asyncir.Op) bool {
	v := o.Arg(0, "")
	if v == nil {
		return false
	}
	c := v.Const()
	if o.Method == "setblocking" {
		return c == "True" || c == "1"
	}
	return c != "" && c != "0" && c != "0.0"
}

// accessPath spells the local or attribute chain a value was read from
// ("sock", "state.socket"); "" for anything else.
func accessPath(v *asyncir.Value) string {
	if v == nil || v.Def == nil {
		return ""
	}
	switch v.Def.Kind {
	case asyncir.OpLoad:
		return v.Def.Var
	case asyncir.OpAttr:
		if p := accessPath(v.Def.Recv); p != "" {
			return p + "." + v.Def.Attr
		}
	}
	return ""
}

// cold reports whether the tables mark a project function as blocking
// only on rare paths, so chains are not followed through it.
func cold(models *asyncir.Models, f *asyncir.Func) bool {
	a := models.API(projectName(models, f))
	return a != nil && a.Cold
}
