package gofront

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Closures capture variables by reference, so SSA keeps a captured
// variable in a heap cell: `ch := make(chan T)` becomes a cell stored once,
// loaded by the function and by every closure through a free variable. A
// cell of a tracked type that is stored exactly once and otherwise only
// loaded or captured is the value it holds: aliases maps the cell, its
// loads, and the closures' free variables (and their loads) to one value.
type aliases struct {
	cells  map[ssa.Value]ssa.Value // cell (Alloc or FreeVar) → canonical value
	stores map[*ssa.Store]bool     // the single stores into alloc cells
}

func findAliases(funcs []*ssa.Function) *aliases {
	a := &aliases{cells: map[ssa.Value]ssa.Value{}, stores: map[*ssa.Store]bool{}}
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
	if !tracked(typeOf(elem)) || typeName(elem) == "sync.WaitGroup" || typeName(elem) == "golang.org/x/sync/errgroup.Group" {
		return // a wait group's cell is the wait group itself
	}
	var store *ssa.Store
	var closures []*ssa.MakeClosure
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc || store != nil {
				return
			}
			store = r
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return
			}
		case *ssa.MakeClosure:
			closures = append(closures, r)
		case *ssa.DebugRef:
		default:
			return
		}
	}
	if store == nil {
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
	a.cells[alloc] = store.Val
	a.stores[store] = true
	for _, fv := range fvs {
		a.cells[fv] = fv
	}
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
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if c, ok := a.cells[u.X]; ok {
			return a.canon(c)
		}
	}
	if c, ok := a.cells[v]; ok && c != v {
		return a.canon(c)
	}
	return v
}

// isCellLoad reports whether instr only reads an aliased cell.
func (a *aliases) isCellLoad(instr ssa.Instruction) bool {
	u, ok := instr.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	_, ok = a.cells[u.X]
	return ok
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
				if a.stores[r] && r.Val == v {
					walk(r.Addr)
					continue
				}
				if a.stores[r] {
					continue
				}
			case *ssa.UnOp:
				if _, ok := a.cells[v]; ok && r.Op == token.MUL {
					walk(r)
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
