package asyncir

import (
	"strings"
	"testing"
)

func names(cs []*Class) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return strings.Join(out, " ")
}

func TestAncestryIsC3(t *testing.T) {
	class := func(name string, bases ...*Class) *Class { return &Class{Name: name, Bases: bases} }
	o := class("O")
	store := class("Store", o)
	asyncStore := class("AsyncStore", store)
	manager := class("Manager", store)
	asyncManager := class("AsyncManager", manager, asyncStore)
	// Python's own example (the C3 paper, as in the 2.3 MRO document).
	f, e, d := class("F", o), class("E", o), class("D", o)
	c, b := class("C", d, f), class("B", d, e)
	a := class("A", b, c)
	// X(A, B) with Y(B, A) under Z(X, Y): Python raises TypeError; the
	// depth-first order is kept.
	x, y := class("X", f, e), class("Y", e, f)
	z := class("Z", x, y)
	loop := class("Loop")
	loop.Bases = []*Class{class("Back", loop)}
	for _, tc := range []struct {
		c    *Class
		want string
	}{
		{asyncManager, "AsyncManager Manager AsyncStore Store O"},
		{a, "A B C D E F O"},
		{manager, "Manager Store O"},
		{z, "Z X F O E Y"},
		{loop, "Loop Back"},
	} {
		if got := names(tc.c.Ancestry()); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.c.Name, got, tc.want)
		}
	}
	if m := (&Class{Name: "M", Bases: []*Class{manager, asyncStore}}); m.LookupMethod("load") != nil {
		t.Error("no class defines load")
	}
	asyncStore.Methods = map[string]*Func{"load": {Name: "load"}}
	store.Methods = map[string]*Func{"load": {Name: "load"}}
	if got := asyncManager.LookupMethod("load"); got != asyncStore.Methods["load"] {
		t.Error("AsyncManager.load is not AsyncStore's")
	}
}
