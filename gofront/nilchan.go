package gofront

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// nilChannels knows which channel variables of the package are never
// assigned: a send or receive on them outside a select blocks forever.
type nilChannels struct {
	assignedFields map[string]bool      // "pkg.T.f" of channel fields stored to, or whose address escapes
	seenFields     map[string]bool      // "pkg.T.f" of every channel field selected
	globals        map[*ssa.Global]bool // channel package variables: true when assigned
	bindings       map[*ssa.FreeVar]ssa.Value
	// boxed holds the types the package converts to an interface; boxedAny
	// is set when it converts a type parameter's value, whose type is
	// not known here.
	boxed    typeutil.Map
	boxedAny bool
}

// findNilChannels scans every function of the package, its initializer
// too, for assignments to channel fields and package variables.
func findNilChannels(pkg *ssa.Package, funcs []*ssa.Function) *nilChannels {
	n := &nilChannels{assignedFields: map[string]bool{}, seenFields: map[string]bool{},
		globals: map[*ssa.Global]bool{}, bindings: map[*ssa.FreeVar]ssa.Value{}}
	all := append([]*ssa.Function(nil), funcs...)
	if init := pkg.Func("init"); init != nil {
		var add func(f *ssa.Function)
		add = func(f *ssa.Function) {
			all = append(all, f)
			for _, a := range f.AnonFuncs {
				add(a)
			}
		}
		add(init)
	}
	var ops []*ssa.Value
	for _, fn := range all {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.FieldAddr:
					if key := fieldKey(in); key != "" && isChan(pointee(in.Type())) {
						n.seenFields[key] = true
						if !onlyLoadedAddr(in) {
							n.assignedFields[key] = true
						}
					}
				case *ssa.MakeClosure:
					fn := in.Fn.(*ssa.Function)
					for i, v := range in.Bindings {
						n.bindings[fn.FreeVars[i]] = v
					}
				case *ssa.MakeInterface:
					n.boxed.Set(in.X.Type(), true)
					if _, ok := in.X.Type().(*types.TypeParam); ok {
						n.boxedAny = true
					}
				}
				ops = instr.Operands(ops[:0])
				for _, o := range ops {
					g, ok := (*o).(*ssa.Global)
					if !ok || g.Pkg != pkg || !isChan(pointee(g.Type())) {
						continue
					}
					load, isLoad := instr.(*ssa.UnOp)
					n.globals[g] = n.globals[g] || !isLoad || load.Op != token.MUL
				}
			}
		}
	}
	return n
}

// neverAsserted reports whether v comes from a type assertion (a type
// switch's case) to an unexported type of the package that the package
// never converts to an interface: no value of that type is ever in one,
// so the assertion never succeeds and what uses v never runs (suture's
// Serve loop has a case for a stopSupervisor message nothing sends).
func (n *nilChannels) neverAsserted(v ssa.Value) bool {
	if x, ok := v.(*ssa.Extract); ok && x.Index == 0 {
		v = x.Tuple
	}
	ta, ok := v.(*ssa.TypeAssert)
	if !ok || n.boxedAny || ta.Parent().Pkg == nil {
		return false
	}
	named, ok := types.Unalias(pointee(ta.AssertedType)).(*types.Named)
	if !ok || named.Obj().Exported() || named.Obj().Pkg() == nil || named.Obj().Pkg() != ta.Parent().Pkg.Pkg {
		return false
	}
	return n.boxed.At(ta.AssertedType) == nil
}

func pointee(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// onlyLoadedAddr reports whether an address is only read through.
func onlyLoadedAddr(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// nilness says whether channel value v is nil where it is used. A value
// the code compares with nil is one it knows may be nil: its blocking
// uses sit behind that test ("if waitCh != nil { <-waitCh }").
func (l *lowerer) nilness(v ssa.Value) asyncir.Nilness {
	if comparedWithNil(v) {
		return asyncir.NotNil
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			return asyncir.NilUnassigned
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return asyncir.NotNil
		}
		switch x := v.X.(type) {
		case *ssa.FieldAddr:
			// An unexported field of a type of this package: only the
			// package can assign it.
			key := fieldKey(x)
			st := pointee(x.X.Type()).Underlying().(*types.Struct)
			if key != "" && !st.Field(x.Field).Exported() && st.Field(x.Field).Pkg() == l.pass.Pkg && !l.nils.assignedFields[key] {
				if l.nils.neverAsserted(copiedFrom(x.X)) {
					return asyncir.NotNil // a case no value reaches: the use never runs
				}
				return asyncir.NilUnassignedField
			}
		case *ssa.Global:
			if assigned, ok := l.nils.globals[x]; ok && !assigned && !x.Object().Exported() {
				return asyncir.NilUnassignedField
			}
		case *ssa.Alloc, *ssa.FreeVar:
			if l.neverStored(x) {
				return asyncir.NilUnassigned
			}
		}
	case *ssa.Phi:
		if l.nilOnPath(v) {
			return asyncir.NilOnPath
		}
	}
	return asyncir.NotNil
}

// comparedWithNil reports whether v is an operand of v == nil or v != nil.
func comparedWithNil(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		c, ok := r.(*ssa.BinOp)
		if !ok || c.Op != token.EQL && c.Op != token.NEQ {
			continue
		}
		other := c.Y
		if other == v {
			other = c.X
		}
		if k, ok := other.(*ssa.Const); ok && k.IsNil() {
			return true
		}
	}
	return false
}

// neverStored reports whether a local variable's cell (or a closure's
// view of it) is never assigned: declared, captured and only read.
func (l *lowerer) neverStored(cell ssa.Value) bool {
	for {
		fv, ok := cell.(*ssa.FreeVar)
		if !ok {
			break
		}
		if cell, ok = l.nils.bindings[fv]; !ok {
			return false
		}
	}
	alloc, ok := cell.(*ssa.Alloc)
	if !ok {
		return false
	}
	var fvs []*ssa.FreeVar
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == ssa.Value(alloc) && !onlyLoaded(fn.FreeVars[i], &fvs) {
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

// nilOnPath reports whether a merge takes nil from one of its
// predecessors (a variable assigned on some paths only) and every path on
// from the merge reaches each of its blocking uses, so no later test can
// keep the nil away from them.
func (l *lowerer) nilOnPath(phi *ssa.Phi) bool {
	nilEdge := false
	for _, e := range phi.Edges {
		if c, ok := e.(*ssa.Const); ok && c.Value == nil {
			nilEdge = true
		}
	}
	if !nilEdge {
		return false
	}
	blocking := 0
	for _, r := range l.alias.referrers(phi) {
		var b *ssa.BasicBlock
		switch r := r.(type) {
		case *ssa.Send:
			if l.alias.canon(r.Chan) == ssa.Value(phi) {
				b = r.Block()
			}
		case *ssa.UnOp:
			if r.Op == token.ARROW {
				b = r.Block()
			}
		}
		if b == nil {
			continue
		}
		if !postDominates(b, phi.Block()) {
			return false
		}
		blocking++
	}
	return blocking > 0
}

// postDominates reports whether every path from block from to a return
// passes block b.
func postDominates(b, from *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{b: true}
	work := []*ssa.BasicBlock{from}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		if len(x.Instrs) > 0 {
			if _, ret := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ret {
				return false
			}
		}
		work = append(work, x.Succs...)
	}
	return true
}

// chanExprName is the source text naming the channel of a send or
// receive at pos (`ch`, `s.stop`), for a channel whose value has no name
// of its own (a nil constant, a field load).
func (l *lowerer) chanExprName(pos token.Pos) string {
	switch n := l.syntax.nodes[pos].(type) {
	case *ast.SendStmt:
		return exprName(n.Chan)
	case *ast.UnaryExpr:
		return exprName(n.X)
	case *ast.RangeStmt:
		return exprName(n.X)
	}
	return ""
}

// nameNil names a nil channel without a name of its own by the
// expression the send or receive at pos uses.
func (l *lowerer) nameNil(ch *asyncir.Value, pos token.Pos) {
	if ch.Track != nil && ch.Track.Nil != asyncir.NotNil && ch.Track.Name == "" {
		ch.Track.Name = l.chanExprName(pos)
	}
}
