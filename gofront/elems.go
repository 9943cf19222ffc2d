package gofront

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A channel filed as an element of a map or slice held in a struct field
// (s.conns[id] = ch, s.subs = append(s.subs, ch)) is known, in every
// function of the package, by the field's key with "[]": "pkg.T.f[]".
// Reading an element back (s.conns[id], a range over s.subs or over a
// copy of it taken under a lock) gives a channel of that key.

// elemKey is the element key of v: a channel looked up in a map field or
// read from a slice field (or a copy of one), or a channel made here and
// filed in one such field only; "" otherwise.
func elemKey(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Lookup:
		if !v.CommaOk {
			return mapFieldKey(v.X)
		}
	case *ssa.Extract:
		if lk, ok := v.Tuple.(*ssa.Lookup); ok && v.Index == 0 {
			return mapFieldKey(lk.X)
		}
	case *ssa.UnOp:
		if ia, ok := v.X.(*ssa.IndexAddr); ok && v.Op == token.MUL {
			return sliceFieldKey(ia.X)
		}
	case *ssa.MakeChan:
		key := ""
		for _, r := range *v.Referrers() {
			k := ""
			switch r := r.(type) {
			case *ssa.MapUpdate:
				if r.Value != v {
					continue
				}
				k = mapFieldKey(r.Map)
			case *ssa.Store:
				if _, field := r.Addr.(*ssa.FieldAddr); r.Val != v || field {
					continue
				}
				k = appendStoreKey(r)
			default:
				continue
			}
			if k == "" || key != "" && k != key {
				return ""
			}
			key = k
		}
		return key
	}
	return ""
}

// mapFieldKey is "pkg.T.f[]" when m is the map held in field f of a
// named struct T (a load of s.f); "" otherwise.
func mapFieldKey(m ssa.Value) string {
	fa := loadedField(m)
	if fa == nil {
		return ""
	}
	if _, ok := pointee(fa.Type()).Underlying().(*types.Map); !ok {
		return ""
	}
	if key := fieldKey(fa); key != "" {
		return key + "[]"
	}
	return ""
}

// sliceFieldKey is "pkg.T.f[]" when s is the slice held in field f of a
// named struct T (a load of s.f), a reslice of it, or a copy of it
// (append(nil, s.f...), a new slice filled by copy(dst, s.f) alone);
// "" otherwise.
func sliceFieldKey(s ssa.Value) string {
	switch s := s.(type) {
	case *ssa.UnOp:
		fa := loadedField(s)
		if fa == nil {
			return ""
		}
		if _, ok := pointee(fa.Type()).Underlying().(*types.Slice); !ok {
			return ""
		}
		if key := fieldKey(fa); key != "" {
			return key + "[]"
		}
	case *ssa.Slice:
		return sliceFieldKey(s.X)
	case *ssa.Call:
		if isBuiltin(s.Call.Value, "append") && len(s.Call.Args) == 2 {
			src := sliceFieldKey(s.Call.Args[1])
			if dst := s.Call.Args[0]; src != "" && (isNilConst(dst) || sliceFieldKey(dst) == src) {
				return src
			}
		}
	case *ssa.MakeSlice:
		return copiedSliceKey(s)
	}
	return ""
}

// copiedSliceKey is the key of the slice field a new slice is filled
// from by copy, when nothing else writes its elements.
func copiedSliceKey(s *ssa.MakeSlice) string {
	key := ""
	for _, r := range *s.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if !isBuiltin(r.Call.Value, "copy") || len(r.Call.Args) != 2 || r.Call.Args[0] != s || key != "" {
				return ""
			}
			if key = sliceFieldKey(r.Call.Args[1]); key == "" {
				return ""
			}
		case *ssa.IndexAddr:
			if !onlyLoadedAddr(r) {
				return ""
			}
		case *ssa.DebugRef:
		default:
			return ""
		}
	}
	return key
}

// appendStoreKey is the element key of the slice field f when st files
// a value in it: st fills the argument array of append(s.f, v) whose
// result is stored back into s.f. "" otherwise.
func appendStoreKey(st *ssa.Store) string {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return ""
	}
	arr, ok := ia.X.(*ssa.Alloc)
	if !ok {
		return ""
	}
	var sl *ssa.Slice
	for _, r := range *arr.Referrers() {
		switch r := r.(type) {
		case *ssa.IndexAddr, *ssa.DebugRef:
		case *ssa.Slice:
			if sl != nil {
				return ""
			}
			sl = r
		default:
			return ""
		}
	}
	if sl == nil || len(*sl.Referrers()) != 1 {
		return ""
	}
	call, ok := (*sl.Referrers())[0].(*ssa.Call)
	if !ok || !isBuiltin(call.Call.Value, "append") || len(call.Call.Args) != 2 || call.Call.Args[1] != sl {
		return ""
	}
	dst := loadedField(call.Call.Args[0])
	if dst == nil {
		return ""
	}
	for _, r := range *call.Referrers() {
		if back, ok := r.(*ssa.Store); ok && back.Val == call {
			if fa, ok := back.Addr.(*ssa.FieldAddr); ok && fieldKey(fa) != "" && fieldKey(fa) == fieldKey(dst) {
				return sliceFieldKey(call.Call.Args[0])
			}
		}
	}
	return ""
}

// loadedField is the field address v loads (s.f for *(&s.f)), or nil.
func loadedField(v ssa.Value) *ssa.FieldAddr {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil
	}
	fa, _ := u.X.(*ssa.FieldAddr)
	return fa
}

func isBuiltin(v ssa.Value, name string) bool {
	b, ok := v.(*ssa.Builtin)
	return ok && b.Name() == name
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}
