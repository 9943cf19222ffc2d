package gofront

import (
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// neverDone finds the contexts of the package that nothing can cancel:
// a root context (context.Background), one derived from such a context
// by context.WithCancel whose cancel func is dropped or kept only in an
// unexported struct field that no code of the package reads, and the
// context parameter of an unexported function every call of which
// passes such a context. Their Done channel never closes, so a goroutine
// whose only way out is ctx.Done() runs forever.
type neverDone struct {
	models *asyncir.Models
	// read: fields ("pkg.T.f") some function of the package loads.
	read map[string]bool
	// calls: the static calls and go statements of each function; a
	// function used any other way is in escaped.
	calls   map[*ssa.Function][]*ssa.CallCommon
	escaped map[*ssa.Function]bool
	memo    map[ssa.Value]*uncancelled
	busy    map[ssa.Value]bool
}

func findNeverDone(models *asyncir.Models, funcs []*ssa.Function) *neverDone {
	n := &neverDone{models: models, read: map[string]bool{}, calls: map[*ssa.Function][]*ssa.CallCommon{},
		escaped: map[*ssa.Function]bool{}, memo: map[ssa.Value]*uncancelled{}, busy: map[ssa.Value]bool{}}
	invoked := map[string]bool{}
	var ops []*ssa.Value
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.UnOp:
					if fa, ok := in.X.(*ssa.FieldAddr); ok && in.Op == token.MUL {
						n.read[fieldKey(fa)] = true
					}
				case *ssa.Field:
					if key := structFieldKey(in.X.Type(), in.Field); key != "" {
						n.read[key] = true
					}
				}
				var c *ssa.CallCommon
				if ci, ok := instr.(ssa.CallInstruction); ok {
					c = ci.Common()
					if c.IsInvoke() {
						invoked[c.Method.Name()] = true
					}
				}
				ops = instr.Operands(ops[:0])
				for _, o := range ops {
					g, ok := (*o).(*ssa.Function)
					if !ok {
						continue
					}
					if c != nil && o == &c.Value && !c.IsInvoke() {
						n.calls[g] = append(n.calls[g], c)
					} else {
						n.escaped[g] = true
					}
				}
			}
		}
	}
	for _, fn := range funcs {
		if fn.Object() == nil || fn.Object().Exported() || invoked[fn.Name()] && fn.Signature.Recv() != nil {
			n.escaped[fn] = true // callers outside the package, or through an interface
		}
	}
	return n
}

// uncancelled is where a context nothing cancels is made, and the field
// its cancel func is kept in ("" when dropped or a root context).
type uncancelled struct {
	field string
	lost  bool // made by context.WithCancel
	pos   token.Pos
}

// of returns what makes ctx a context nothing cancels, nil when
// something may.
func (n *neverDone) of(v ssa.Value) *uncancelled {
	if t, ok := n.memo[v]; ok {
		return t
	}
	if n.busy[v] {
		return nil
	}
	n.busy[v] = true
	t := n.compute(v)
	delete(n.busy, v)
	n.memo[v] = t
	return t
}

func (n *neverDone) compute(v ssa.Value) *uncancelled {
	switch v := v.(type) {
	case *ssa.Call:
		if isRootContext(n.models, v) {
			return &uncancelled{pos: v.Pos()}
		}
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		if !ok || v.Index != 0 || len(call.Call.Args) == 0 {
			return nil
		}
		fn := call.Call.StaticCallee()
		if fn == nil {
			return nil
		}
		if m := n.models.API(externalFunc(fn)); m == nil || !m.CancelledByFunc || n.of(call.Call.Args[0]) == nil {
			return nil
		}
		field, ok := n.uncalledCancel(call)
		if !ok {
			return nil
		}
		return &uncancelled{field: field, lost: true, pos: call.Pos()}
	case *ssa.Parameter:
		fn := v.Parent()
		if fn == nil || n.escaped[fn] || len(n.calls[fn]) == 0 {
			return nil
		}
		i := -1
		for j, p := range fn.Params {
			if p == v {
				i = j
			}
		}
		var first *uncancelled
		for _, c := range n.calls[fn] {
			if i < 0 || i >= len(c.Args) {
				return nil
			}
			t := n.of(c.Args[i])
			if t == nil {
				return nil
			}
			if first == nil {
				first = t
			}
		}
		return first
	}
	return nil
}

// uncalledCancel reports whether the cancel func call returns is never
// called: dropped, or only stored in unexported fields nothing reads
// (field names the last one).
func (n *neverDone) uncalledCancel(call *ssa.Call) (field string, ok bool) {
	for _, r := range *call.Referrers() {
		e, isExtract := r.(*ssa.Extract)
		if !isExtract {
			return "", false
		}
		if e.Index != 1 {
			continue
		}
		for _, u := range *e.Referrers() {
			switch u := u.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				fa, isField := u.Addr.(*ssa.FieldAddr)
				if !isField || u.Val != e {
					return "", false
				}
				key := fieldKey(fa)
				st := fa.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
				if key == "" || st.Field(fa.Field).Exported() || n.read[key] {
					return "", false
				}
				field = key
			default:
				return "", false
			}
		}
	}
	return field, true
}

// recordCancelCalls notes on f its calls of a context cancel func held in
// a struct field (p.cancel()): how a type's Stop cancels its goroutines.
func (l *lowerer) recordCancelCalls(fn *ssa.Function, f *asyncir.Func) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call.Common().IsInvoke() {
				continue
			}
			load, ok := call.Common().Value.(*ssa.UnOp)
			if !ok || load.Op != token.MUL {
				continue
			}
			fa, ok := load.X.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			if n := typeName(load.Type()); n != "context.CancelFunc" && n != "context.CancelCauseFunc" {
				continue
			}
			if key := fieldKey(fa); key != "" {
				f.CancelCalls = append(f.CancelCalls, asyncir.FlagSet{Field: key, Range: l.rangeOf(call.Pos())})
			}
		}
	}
}
