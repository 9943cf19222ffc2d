package gofront

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// typeOf says what the IR needs of a Go type: channels, contexts, wait
// groups, and the names of named types (pointers stripped).
func typeOf(t types.Type) asyncir.Type {
	if t == nil {
		return asyncir.Type{}
	}
	if _, ok := t.Underlying().(*types.Chan); ok {
		return asyncir.Type{Kind: asyncir.Instance, External: "chan", Await: asyncir.Channel}
	}
	name := typeName(t)
	switch name {
	case "":
		return asyncir.Type{}
	case "context.Context":
		return asyncir.Type{Kind: asyncir.Instance, External: name, Await: asyncir.Context}
	case "sync.WaitGroup", "golang.org/x/sync/errgroup.Group":
		return asyncir.Type{Kind: asyncir.Instance, External: name, Await: asyncir.WaitGroup}
	case "sync.Mutex", "sync.RWMutex":
		return asyncir.Type{Kind: asyncir.Instance, External: name, Await: asyncir.Mutex}
	case "sync.Cond":
		return asyncir.Type{Kind: asyncir.Instance, External: name, Await: asyncir.Cond}
	}
	return asyncir.Type{Kind: asyncir.Instance, External: name}
}

// typeName is "path.Name" of a named type or a pointer to one.
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// tracked reports whether the IR follows every use of values of type t.
func tracked(t asyncir.Type) bool {
	switch t.Await {
	case asyncir.Channel, asyncir.WaitGroup, asyncir.Context, asyncir.Mutex, asyncir.Cond:
		return true
	}
	return false
}

// value returns the IR value of v, creating it on first use.
func (l *lowerer) value(v ssa.Value) *asyncir.Value {
	if v == nil {
		return nil
	}
	v = l.alias.canon(v)
	if x, ok := l.values[v]; ok {
		return x
	}
	var pl place
	if a := typeOf(v.Type()).Await; a == asyncir.Mutex || a == asyncir.Cond || a == asyncir.WaitGroup && isFieldAddr(v) {
		// Every &s.mu of one s in a function is one mutex (one wait
		// group, one condition variable).
		pl = l.placeOf(v)
		if first, ok := l.places[pl.key()]; ok {
			x := l.values[first]
			l.values[v] = x
			return x
		}
		l.places[pl.key()] = v
	}
	t := v.Type()
	if _, ok := l.alias.cells[v]; ok {
		t = t.(*types.Pointer).Elem() // a closure's captured cell: its content
	}
	x := &asyncir.Value{}
	x.SetType(typeOf(t))
	if c, ok := v.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
		x.SetConst(c.Value.ExactString()) // a duration's nanoseconds, a buffer size
	}
	l.values[v] = x
	if holdsStruct(v) {
		// s.batches: where a callee's batches.mu is, for the caller.
		if pl := l.placeOf(v); pl.root != v {
			x.SetFrom(asyncir.Place{Root: l.value(pl.root), Path: pl.path})
		}
	}
	if tracked(x.Type()) {
		x.Track = &asyncir.Tracking{Cap: -1, Escapes: escapes(v, l.alias.referrers(v)), Range: l.rangeOf(v.Pos())}
		l.describe(v, x)
		if x.Type().Await == asyncir.Channel {
			x.Track.Nil = l.nilness(v)
		}
		if x.Type().Await == asyncir.Context {
			if u := l.neverDone.of(v); u != nil {
				x.Track.NeverDone, x.Track.CancelLost, x.Track.CancelField, x.Track.NeverDoneAt = true, u.lost, u.field, l.rangeOf(u.pos)
			}
		}
		if pl.root != nil && pl.root != v {
			x.Track.Root, x.Track.Path, x.Track.Field = l.value(pl.root), pl.path, pl.field
		}
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL && x.Type().Await == asyncir.Channel {
			if fa, ok := u.X.(*ssa.FieldAddr); ok {
				// n.stop: a channel held in a field of n.
				x.Track.Field = fieldKey(fa)
				x.Track.Root, x.Track.Path = l.value(copiedFrom(fa.X)), "."+fa.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct).Field(fa.Field).Name()
			}
		}
		if key := mapElemKey(v); key != "" && x.Type().Await == asyncir.Channel {
			// s.conns[id]: an element of a map of channels held in a
			// field, or the channel a function files there.
			x.Track.Field = key
		}
		if fv, ok := v.(*ssa.Field); ok && x.Type().Await == asyncir.Channel {
			// r.reply of a struct held by value (a request received
			// from a channel): the same field as through a pointer.
			if key := structFieldKey(fv.X.Type(), fv.Field); key != "" {
				x.Track.Field = key
				x.Track.Root, x.Track.Path = l.value(fv.X), "."+fv.X.Type().Underlying().(*types.Struct).Field(fv.Field).Name()
			}
		}
	}
	return x
}

// place is where a sync primitive lives: a root value and the field
// selections and pointer loads from it.
type place struct {
	root  ssa.Value
	path  string
	field string // "pkg.T.f" of the last field selected
}

type placeKey struct {
	root ssa.Value
	path string
}

func (p place) key() placeKey { return placeKey{p.root, p.path} }

func (l *lowerer) placeOf(v ssa.Value) place {
	v = l.alias.canon(v)
	switch x := v.(type) {
	case *ssa.FieldAddr:
		p := l.placeOf(x.X)
		ptr, ok := x.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return place{root: v}
		}
		st, ok := ptr.Elem().Underlying().(*types.Struct)
		if !ok {
			return place{root: v}
		}
		p.path += "." + st.Field(x.Field).Name()
		p.field = fieldKey(x)
		return p
	case *ssa.UnOp:
		if x.Op == token.MUL {
			p := l.placeOf(x.X)
			p.path += "*"
			return p
		}
	}
	return place{root: v}
}

// describe fills what the defining instruction tells about a tracked value.
func (l *lowerer) describe(v ssa.Value, x *asyncir.Value) {
	t := x.Track
	switch v := v.(type) {
	case *ssa.MakeChan:
		t.Made = true
		t.Cap = -1
		if c, ok := v.Size.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
			if n, ok := constant.Int64Val(c.Value); ok {
				t.Cap = int(n)
			}
		}
		t.Name = l.nameAt(v.Pos(), 0)
	case *ssa.Alloc:
		// Not a reassigned variable's cell: a wait group, mutex or
		// condition variable declared here.
		t.Made = x.Type().Await == asyncir.WaitGroup || x.Type().Await == asyncir.Mutex || x.Type().Await == asyncir.Cond
		t.Name = v.Comment
		if v.Comment == "new" || v.Comment == "complit" {
			// new(T) or &T{}: named by the variable it is bound to.
			t.Name = l.nameAt(v.Pos(), 0)
		}
	case *ssa.Parameter:
		t.Name = v.Name()
	case *ssa.FreeVar:
		t.Name = v.Name()
	case *ssa.Phi:
		t.Name = v.Comment
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			t.Name = l.nameAt(call.Pos(), v.Index)
			if m := l.models.API(externalName(&call.Call)); m != nil && m.CancelledByWait && v.Index == 0 {
				t.Made = true
			}
		}
	case *ssa.Call:
		t.Name = l.nameAt(v.Pos(), 0)
		t.Made = externalName(&v.Call) == "sync.NewCond"
		if fn := v.Call.StaticCallee(); fn != nil {
			t.Future, t.Stream = l.future(fn)
		}
	case *ssa.UnOp:
		// ticker.C: a load of a timer's channel field.
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			if st := typeName(fa.X.Type()); st == "time.Ticker" || st == "time.Timer" {
				xt := x.Type()
				xt.OriginName = st + ".C"
				x.SetType(xt)
			}
		}
	}
}

// nameAt is the name of the i-th variable bound to the call at pos.
func (l *lowerer) nameAt(pos token.Pos, i int) string {
	if names := l.syntax.names[pos]; i < len(names) {
		return names[i]
	}
	return ""
}

// escapes reports whether some use of v is not lowered to an op whose
// meaning the IR keeps (a call, send, receive, select, spawn, capture,
// return), so an analyzer cannot know who else holds it.
func escapes(v ssa.Value, refs []ssa.Instruction) bool {
	for _, r := range refs {
		switch r := r.(type) {
		case ssa.CallInstruction, *ssa.MakeClosure, *ssa.Return, *ssa.Extract, *ssa.DebugRef, *ssa.If:
		case *ssa.Send:
			// Sent as a value (a reply channel): the OpSend's Operand.
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return true
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == v {
					return true
				}
			}
		case *ssa.MapUpdate:
			// Filed in a map held in a struct field: an OpStore too.
			if r.Value != v || mapFieldKey(r.Map) == "" {
				return true
			}
		case *ssa.Store:
			// Stored in a struct field: an OpStore naming the field.
			if _, field := r.Addr.(*ssa.FieldAddr); r.Val == v && !field {
				return true
			}
		case *ssa.BinOp:
			if r.Op != token.EQL && r.Op != token.NEQ {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// fieldKey is "pkg.T.f" for a selection of field f of a named struct T,
// the same in every function of the package; "" otherwise.
func fieldKey(fa *ssa.FieldAddr) string {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	return structFieldKey(ptr.Elem(), fa.Field)
}

// structFieldKey is "pkg.T.f" for field i of the named struct type t.
func structFieldKey(t types.Type, i int) string {
	st, ok := t.Underlying().(*types.Struct)
	tn := typeName(t)
	if !ok || tn == "" {
		return ""
	}
	return tn + "." + st.Field(i).Name()
}

// copiedFrom is the struct value a local variable holds when it is
// assigned once and then only has its fields read (r := <-reqs;
// r.reply <- v): the received request, not the local copy.
func copiedFrom(v ssa.Value) ssa.Value {
	alloc, ok := v.(*ssa.Alloc)
	if !ok || alloc.Heap {
		return v
	}
	var val ssa.Value
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc || val != nil {
				return v
			}
			val = r.Val
		case *ssa.FieldAddr, *ssa.DebugRef:
		default:
			return v
		}
	}
	if val == nil {
		return v
	}
	return val
}

// holdsStruct reports whether v is a struct, or a pointer to one, read
// from a field or through a pointer (s.inner, *p, &s.inner).
func holdsStruct(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.FieldAddr:
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
	default:
		return false
	}
	t := v.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

func isFieldAddr(v ssa.Value) bool {
	_, ok := v.(*ssa.FieldAddr)
	return ok
}

// mapFieldKey is "pkg.T.f[]" when m is the map held in field f of a
// named struct T (a load of s.f): its elements are known by that key in
// every function of the package. "" otherwise.
func mapFieldKey(m ssa.Value) string {
	u, ok := m.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return ""
	}
	fa, ok := u.X.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	if _, ok := fa.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Map); !ok {
		return ""
	}
	if key := fieldKey(fa); key != "" {
		return key + "[]"
	}
	return ""
}

// mapElemKey is the mapFieldKey of the map v is looked up in (s.conns[id],
// or the value of ch, ok := s.conns[id]), or of the one map v, a channel
// made here, is filed in.
func mapElemKey(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Lookup:
		if !v.CommaOk {
			return mapFieldKey(v.X)
		}
	case *ssa.Extract:
		if lk, ok := v.Tuple.(*ssa.Lookup); ok && v.Index == 0 {
			return mapFieldKey(lk.X)
		}
	case *ssa.MakeChan:
		key := ""
		for _, r := range *v.Referrers() {
			if mu, ok := r.(*ssa.MapUpdate); ok && mu.Value == v {
				if k := mapFieldKey(mu.Map); k == "" || key != "" && k != key {
					return ""
				} else {
					key = k
				}
			}
		}
		return key
	}
	return ""
}
