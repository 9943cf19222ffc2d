package asyncir

import "testing"

// TestTypeSetShares: equal types share one copy, which equals them;
// types that differ only past a function (an Elem, Class or OriginName
// besides it) do not share with the bare one.
func TestTypeSetShares(t *testing.T) {
	f, g := &Func{Name: "f"}, &Func{Name: "g"}
	elem := &Type{Kind: Instance, External: "int"}
	types := []Type{
		{Kind: FuncObj, Func: f},
		{Kind: FuncObj, Func: g},
		{Kind: Instance, Await: 1, External: "typing.Coroutine", Origin: f},
		{Kind: Instance, Await: 1, External: "typing.Coroutine", Func: f},
		{Kind: Instance, Await: 1, External: "typing.Coroutine", Origin: f, OriginName: "m.f"},
		{Kind: FuncObj, Func: f, Elem: elem},
		{Kind: FuncObj, Func: f, Origin: g},
		{Kind: Instance, External: "int"},
	}
	var s TypeSet
	if s.Share(Type{}) != nil {
		t.Error("the zero Type is shared as non-nil")
	}
	seen := map[*Type]int{}
	for i, ty := range types {
		p := s.Share(ty)
		if p == nil || *p != ty {
			t.Fatalf("type %d: shared copy %v, want %v", i, p, ty)
		}
		if again := s.Share(ty); again != p {
			t.Errorf("type %d: a second Share made another copy", i)
		}
		if j, dup := seen[p]; dup {
			t.Errorf("types %d and %d share one copy", j, i)
		}
		seen[p] = i
	}
}
