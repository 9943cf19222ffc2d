package gofront

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A getter hands back the channel held in a field of one of its
// parameters (func (c *conn) out() chan T { c.mu.Lock(); defer
// c.mu.Unlock(); return c.outgoing }): a call of it loads that field,
// anew each time, as s.f would.
type getter struct {
	field string // "pkg.T.f"
	name  string // f
	param int    // the parameter whose field it is (the receiver is 0)
}

// getterOf says whether fn, a function of the package, is a getter of a
// channel field: every return hands back a load of the same field of the
// same parameter (possibly through the result variable a deferred
// unlock makes SSA keep in memory).
func (l *lowerer) getterOf(fn *ssa.Function) (getter, bool) {
	if fn == nil || fn.Pkg != l.pkg || len(fn.Blocks) == 0 || fn.Signature.Results().Len() != 1 || !isChan(fn.Signature.Results().At(0).Type()) {
		return getter{}, false
	}
	if g, ok := l.getters[fn]; ok {
		return g, g.field != ""
	}
	var found getter
	ok := true
	for _, b := range fn.Blocks {
		if ret, is := b.Instrs[len(b.Instrs)-1].(*ssa.Return); is && ok {
			g, got := returnedField(fn, ret.Results[0], 0)
			ok = got && (found.field == "" || g == found)
			found = g
		}
	}
	if !ok {
		found = getter{}
	}
	l.getters[fn] = found
	return found, found.field != ""
}

// returnedField is the parameter field v loads: *(&p.f), or the result
// variable every store of which holds one and the same such load.
func returnedField(fn *ssa.Function, v ssa.Value, depth int) (getter, bool) {
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X // chan T handed back as <-chan T
	}
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL || depth > 1 {
		return getter{}, false
	}
	switch x := u.X.(type) {
	case *ssa.FieldAddr:
		for i, p := range fn.Params {
			if x.X == ssa.Value(p) {
				key := fieldKey(x)
				st := pointee(p.Type()).Underlying().(*types.Struct)
				return getter{field: key, name: st.Field(x.Field).Name(), param: i}, key != ""
			}
		}
	case *ssa.Alloc:
		var found getter
		for _, r := range *x.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				g, ok := returnedField(fn, r.Val, depth+1)
				if !ok || found.field != "" && g != found {
					return getter{}, false
				}
				found = g
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return getter{}, false
				}
			case *ssa.DebugRef:
			default:
				return getter{}, false // its address is handed on
			}
		}
		return found, found.field != ""
	}
	return getter{}, false
}

// receiveOnly reports whether t is a receive-only channel type: who holds
// one can neither send on it nor close it.
func receiveOnly(t types.Type) bool {
	c, ok := t.Underlying().(*types.Chan)
	return ok && c.Dir() == types.RecvOnly
}
