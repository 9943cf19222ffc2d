package blockingcall

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// witness says why calling a synchronous function may block: op is the
// first call, on a shortest path, that leads to a blocking API. Either op
// calls the API itself (next is nil, api is its model) or it calls the
// helper next, which has a witness of its own.
type witness struct {
	op   *asyncir.Op
	next *asyncir.Func
	api  *asyncir.APIModel
}

// mayBlock is the program's may-block summary: the synchronous functions
// whose call can block the calling thread, each with its witness.
type mayBlock struct {
	w map[*asyncir.Func]*witness
}

const mayBlockKey = "blockingcall.mayblock"

// summary returns the program's may-block summary, computed once.
func summary(p *asyncir.Program) *mayBlock {
	return p.Summary(mayBlockKey, func(p *asyncir.Program) any { return computeMayBlock(p) }).(*mayBlock)
}

// computeMayBlock seeds the functions that call a blocking API themselves
// and walks the reverse call graph breadth-first, so each witness chain is
// a shortest one and recursion needs no special case: a function gets a
// witness once, from a callee that already had one.
func computeMayBlock(p *asyncir.Program) *mayBlock {
	mb := &mayBlock{w: map[*asyncir.Func]*witness{}}
	callers := map[*asyncir.Func][]*asyncir.Op{}
	var queue []*asyncir.Func
	p.AllFuncs(func(f *asyncir.Func) {
		if f.Kind != asyncir.Sync && f.Kind != asyncir.Generator || cold(p.Models, f) {
			return
		}
		f.Ops(func(op *asyncir.Op) {
			if api := blockingAPI(p.Models, op); api != nil {
				if mb.w[f] == nil {
					mb.w[f] = &witness{op: op, api: api}
					queue = append(queue, f)
				}
				return
			}
			if g, at := runsBody(op); g != nil && g != f {
				callers[g] = append(callers[g], at)
			}
		})
	})
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		for _, op := range callers[g] {
			if f := op.Func(); mb.w[f] == nil {
				mb.w[f] = &witness{op: op, next: g}
				queue = append(queue, f)
			}
		}
	}
	return mb
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

// chain follows the witnesses from a call of g: the hops (calls inside
// the helpers, in order) and the blocking API at the end.
func (mb *mayBlock) chain(g *asyncir.Func) ([]*asyncir.Op, *asyncir.APIModel) {
	var hops []*asyncir.Op
	for w := mb.w[g]; w != nil; w = mb.w[w.next] {
		hops = append(hops, w.op)
		if w.next == nil {
			return hops, w.api
		}
	}
	return nil, nil
}

// blockingAPI returns the model of a call that blocks: an external API of
// the tables, or a project function the configuration names, unless an
// argument turns the wait off.
func blockingAPI(models *asyncir.Models, op *asyncir.Op) *asyncir.APIModel {
	if op.Kind != asyncir.OpCall {
		return nil
	}
	name := op.External
	if name == "" && op.Callee != nil {
		name = projectName(models, op.Callee)
	}
	api := models.BlockingAPI(name)
	if api == nil || nonBlocking(api, op) || nonBlockingSocket(op) {
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
		v := op.Keyword(nb.Keyword)
		if v == nil && nb.Pos < len(op.Args) {
			v = op.Args[nb.Pos]
		}
		if v == nil {
			continue
		}
		if nb.Flag != "" {
			if namesConstant(v, nb.Flag) {
				return true
			}
			continue
		}
		if v.Const == "" {
			if nb.Unknown {
				return true
			}
			continue
		}
		for _, c := range nb.Values {
			if v.Const == c {
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
		if v := op.Keyword(kw); v != nil && v.Const != "None" {
			return true
		}
	}
	return false
}

// namesConstant reports whether v is the module constant name (a dotted
// "socket.AI_NUMERICHOST"), alone or as an operand of a `|` of flags.
func namesConstant(v *asyncir.Value, name string) bool {
	if v == nil || v.Def == nil {
		return false
	}
	if v.Type.External == name {
		return true
	}
	def := v.Def
	switch def.Kind {
	case asyncir.OpAttr:
		return def.Recv != nil && def.Recv.Type.Kind == asyncir.ModuleObj && def.Recv.Type.External+"."+def.Attr == name
	case asyncir.OpRef:
		for _, a := range def.Args {
			if namesConstant(a, name) {
				return true
			}
		}
	}
	return false
}

// nonBlockingSocket reports whether a socket method is called in a try
// that handles BlockingIOError, or on a local that the same function puts
// in non-blocking mode (setblocking/settimeout), as asyncio's own
// transports do.
func nonBlockingSocket(op *asyncir.Op) bool {
	if !strings.HasPrefix(op.External, "socket.socket.") {
		return false
	}
	if op.ExpectWouldBlock {
		return true
	}
	if op.Recv == nil || op.Recv.Def.Kind != asyncir.OpLoad {
		return false
	}
	v := op.Recv.Def.Var
	found := false
	op.Func().Ops(func(o *asyncir.Op) {
		if o.Kind == asyncir.OpCall && (o.Method == "setblocking" || o.Method == "settimeout") &&
			o.Recv != nil && o.Recv.Def.Kind == asyncir.OpLoad && o.Recv.Def.Var == v {
			found = true
		}
	})
	return found
}

// cold reports whether the tables mark a project function as blocking
// only on rare paths, so chains are not followed through it.
func cold(models *asyncir.Models, f *asyncir.Func) bool {
	a := models.API(projectName(models, f))
	return a != nil && a.Cold
}
