package gofront

import (
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// Closures capture variables by reference, so SSA keeps a captured
// variable in a heap cell: `ch := make(chan T)` becomes a cell stored once,
// loaded by the function and by every closure through a free variable. A
// cell that is stored exactly once and otherwise only
// loaded or captured is the value it holds: aliases maps the cell, its
// loads, and the closures' free variables (and their loads) to one value.
//
// A cell stored more than once (`g, ctx := errgroup.WithContext(ctx)`
// reassigns the parameter's cell) is resolved per load: a load in the
// cell's own function that exactly one store reaches is that store's
// value. The cell itself, and the closures' view of it, stand for
// "whatever it holds".
type aliases struct {
	cells  map[ssa.Value]ssa.Value // cell (Alloc or FreeVar) → canonical value
	stores map[*ssa.Store]bool     // stores into cells, followed through loads
	loads  map[*ssa.UnOp]ssa.Value // load of a reassigned cell → the value
	// storeLoads lists the loads each store of a reassigned cell reaches;
	// escaping marks stores into a reassigned cell closures also read.
	storeLoads map[*ssa.Store][]*ssa.UnOp
	escaping   map[*ssa.Store]bool
}

func findAliases(funcs []*ssa.Function) *aliases {
	a := &aliases{cells: map[ssa.Value]ssa.Value{}, stores: map[*ssa.Store]bool{},
		loads: map[*ssa.UnOp]ssa.Value{}, storeLoads: map[*ssa.Store][]*ssa.UnOp{}, escaping: map[*ssa.Store]bool{}}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if alloc, ok := instr.(*ssa.Alloc); ok {
					a.consider(alloc)
				}
			}
		}
	}
	return a
}

func (a *aliases) consider(alloc *ssa.Alloc) {
	elem := alloc.Type().(*types.Pointer).Elem()
	if _, ok := types.Unalias(elem).(*types.Named); ok && typeOf(elem).Await == asyncir.WaitGroup {
		return // a wait group's cell is the wait group itself
	}
	var stores []*ssa.Store
	var closures []*ssa.MakeClosure
	var loads []*ssa.UnOp
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return
			}
			stores = append(stores, r)
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return
			}
			loads = append(loads, r)
		case *ssa.MakeClosure:
			closures = append(closures, r)
		case *ssa.DebugRef:
		default:
			return
		}
	}
	if len(stores) == 0 {
		return
	}
	var fvs []*ssa.FreeVar
	for _, mc := range closures {
		fn := mc.Fn.(*ssa.Function)
		for i, b := range mc.Bindings {
			if b == ssa.Value(alloc) {
				if !onlyLoaded(fn.FreeVars[i], &fvs) {
					return
				}
			}
		}
	}
	for _, fv := range fvs {
		a.cells[fv] = fv
	}
	if len(stores) == 1 {
		a.cells[alloc] = stores[0].Val
		a.stores[stores[0]] = true
		return
	}
	a.cells[alloc] = alloc
	for _, st := range stores {
		a.stores[st] = true
		a.escaping[st] = len(closures) > 0
		a.storeLoads[st] = nil
	}
	for _, l := range loads {
		if st := reachingStore(l, alloc); st != nil {
			a.loads[l] = st.Val
			a.storeLoads[st] = append(a.storeLoads[st], l)
		}
	}
}

// reachingStore is the one store into cell that every path to load
// passes last, or nil (several, or none: the zero value).
func reachingStore(load *ssa.UnOp, cell ssa.Value) *ssa.Store {
	var found *ssa.Store
	ok := true
	seen := map[*ssa.BasicBlock]bool{}
	var back func(b *ssa.BasicBlock, from int)
	back = func(b *ssa.BasicBlock, from int) {
		for i := from - 1; i >= 0; i-- {
			if s, is := b.Instrs[i].(*ssa.Store); is && s.Addr == cell {
				if found != nil && found != s {
					ok = false
				}
				found = s
				return
			}
		}
		if len(b.Preds) == 0 {
			ok = false
			return
		}
		for _, p := range b.Preds {
			if !seen[p] {
				seen[p] = true
				back(p, len(p.Instrs))
			}
		}
	}
	b := load.Block()
	for i, instr := range b.Instrs {
		if instr == ssa.Instruction(load) {
			back(b, i)
			break
		}
	}
	if !ok {
		return nil
	}
	return found
}

// onlyLoaded reports whether a closure's free variable is only loaded or
// passed on to nested closures that only load it, collecting them all.
func onlyLoaded(fv *ssa.FreeVar, out *[]*ssa.FreeVar) bool {
	*out = append(*out, fv)
	for _, r := range *fv.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == ssa.Value(fv) && !onlyLoaded(fn.FreeVars[i], out) {
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// canon returns the value v stands for: the value a cell holds for the
// cell and its loads, v itself otherwise.
func (a *aliases) canon(v ssa.Value) ssa.Value {
	if ct, ok := v.(*ssa.ChangeType); ok && isChan(ct.X.Type()) {
		return a.canon(ct.X) // chan T → <-chan T keeps the channel
	}
	if mi, ok := v.(*ssa.MakeInterface); ok && typeOf(mi.X.Type()).Await == asyncir.Mutex {
		return a.canon(mi.X) // &s.mu as a sync.Locker is still s.mu
	}
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if x, ok := a.loads[u]; ok {
			return a.canon(x)
		}
		if c, ok := a.cells[u.X]; ok && c != u.X {
			return a.canon(c)
		}
	}
	if c, ok := a.cells[v]; ok && c != v {
		return a.canon(c)
	}
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if _, ok := a.cells[u.X]; ok {
			return u.X // a load nothing resolves: whatever the cell holds
		}
	}
	return v
}

// referrers lists the instructions that use v, looking through aliased
// cells: their loads' users and the closures that capture them.
func (a *aliases) referrers(v ssa.Value) []ssa.Instruction {
	var out []ssa.Instruction
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			return
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Store:
				if loads, ok := a.storeLoads[r]; ok && r.Val == v {
					for _, l := range loads {
						walk(l)
					}
					if a.escaping[r] {
						out = append(out, r)
					}
					continue
				}
				if a.stores[r] && r.Val == v {
					walk(r.Addr)
					continue
				}
				if a.stores[r] {
					continue
				}
			case *ssa.UnOp:
				if _, ok := a.cells[v]; ok && r.Op == token.MUL {
					// A load of a reassigned cell that one store reaches
					// belongs to that store's value.
					if _, resolved := a.loads[r]; !resolved {
						walk(r)
					}
					continue
				}
			case *ssa.ChangeType:
				if isChan(r.Type()) {
					walk(r)
					continue
				}
			}
			out = append(out, r)
		}
	}
	walk(v)
	return out
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
