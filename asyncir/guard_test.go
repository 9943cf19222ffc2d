package asyncir

import "testing"

// TestGuardEval decides each kind of guard under literal arguments, facts
// that say only "not None", and nothing at all.
func TestGuardEval(t *testing.T) {
	isNone := &Guard{Kind: GuardIsNone, Param: "p"}
	truthy := &Guard{Kind: GuardTruthy, Param: "p"}
	eqHost := &Guard{Kind: GuardEquals, Param: "p", Literal: `"localhost"`}
	eqOne := &Guard{Kind: GuardEquals, Param: "p", Literal: "1"}
	positive := &Guard{Kind: GuardPositive, Param: "p"}
	above := &Guard{Kind: GuardOrder, Param: "p", Op: ">", Literal: "0.0"}
	atMost := &Guard{Kind: GuardOrder, Param: "p", Op: "<=", Literal: "0"}
	lit := func(s string) Binding { return Binding{"p": {Const: s}} }
	obj := Binding{"p": {NotNone: true}}
	const undecided = "?"
	for _, c := range []struct {
		g    *Guard
		b    Binding
		want string // "true", "false" or undecided
	}{
		{isNone, lit("None"), "true"},
		{isNone, lit("0"), "false"},
		{isNone, lit(`""`), "false"},
		{isNone, obj, "false"},
		{isNone.Negate(), obj, "true"},
		{isNone, nil, undecided},
		{isNone, Binding{"q": {Const: "None"}}, undecided},
		{truthy, lit("None"), "false"},
		{truthy, lit("True"), "true"},
		{truthy, lit("False"), "false"},
		{truthy, lit("0"), "false"},
		{truthy, lit("0.0"), "false"},
		{truthy, lit("-3"), "true"},
		{truthy, lit("0x10"), "true"},
		{truthy, lit(`''`), "false"},
		{truthy, lit(`b""`), "false"},
		{truthy, lit(`"x"`), "true"},
		{truthy, obj, undecided}, // an object may define __bool__
		{truthy.Negate(), lit("0"), "true"},
		{eqHost, lit(`"localhost"`), "true"},
		{eqHost, lit(`'localhost'`), "true"},
		{eqHost, lit(`"127.0.0.1"`), "false"},
		{eqHost, lit(`b"localhost"`), "false"}, // bytes never equal str
		{eqHost, lit("None"), "false"},
		{eqHost, lit(`f"localhost"`), undecided},
		{eqHost, obj, undecided}, // __eq__ may say anything
		{eqHost.Negate(), lit(`"127.0.0.1"`), "true"},
		{&Guard{Kind: GuardEquals, Param: "p", Literal: `"a\tb"`}, lit(`"a\tb"`), "true"},
		{&Guard{Kind: GuardEquals, Param: "p", Literal: `"a\tb"`}, lit(`"a\x09b"`), undecided},
		{eqOne, lit("True"), "true"}, // True == 1
		{eqOne, lit("1.0"), "true"},
		{eqOne, lit("1_0"), "false"},
		{eqOne, lit(`"1"`), "false"},
		{positive, lit("0"), "false"},
		{positive, lit("-1"), "false"},
		{positive, lit("3"), "true"},
		{positive, lit("True"), "true"},
		{positive, lit("1.5"), undecided},
		{positive, lit("None"), undecided},
		{positive, obj, undecided},
		{positive.Negate(), lit("0"), "true"},
		{above, lit("0"), "false"}, // an int against a float: numbers compare
		{above, lit("0.0"), "false"},
		{above, lit("0.01"), "true"},
		{above, lit("1"), "true"},
		{above, lit("True"), "true"},
		{above, lit("None"), undecided}, // None > 0.0 raises TypeError
		{above, lit(`"1"`), undecided},
		{above, obj, undecided},
		{above.Negate(), lit("-1"), "true"},
		{atMost, lit("0"), "true"},
		{atMost, lit("-1.5"), "true"},
		{atMost, lit("0.5"), "false"},
		{&Guard{Kind: GuardOrder, Param: "p", Op: "<", Literal: "10"}, lit("10"), "false"},
		{&Guard{Kind: GuardOrder, Param: "p", Op: ">=", Literal: "10"}, lit("10"), "true"},
	} {
		v, ok := c.g.Eval(c.b)
		got := undecided
		if ok {
			got = map[bool]string{true: "true", false: "false"}[v]
		}
		if got != c.want {
			t.Errorf("%s with %v = %s, want %s", c.g, c.b, got, c.want)
		}
	}
}

// TestGuardAndOr checks three-valued and/or/not: one decisive operand
// decides, an unreadable operand (nil) never does.
func TestGuardAndOr(t *testing.T) {
	a := &Guard{Kind: GuardTruthy, Param: "a"}
	b := &Guard{Kind: GuardIsNone, Param: "b"}
	and := &Guard{Kind: GuardAnd, Subs: []*Guard{a, b}}
	or := &Guard{Kind: GuardOr, Subs: []*Guard{a, nil}}
	for _, c := range []struct {
		g        *Guard
		bind     Binding
		val, dec bool
	}{
		{and, Binding{"a": {Const: "0"}}, false, true},
		{and, Binding{"a": {Const: "1"}}, false, false},
		{and, Binding{"a": {Const: "1"}, "b": {Const: "None"}}, true, true},
		{and.Negate(), Binding{"a": {Const: "0"}}, true, true},
		{or, Binding{"a": {Const: "1"}}, true, true},
		{or, Binding{"a": {Const: "0"}}, false, false},
		{or.Negate(), Binding{"a": {Const: "1"}}, false, true},
	} {
		v, ok := c.g.Eval(c.bind)
		if ok != c.dec || ok && v != c.val {
			t.Errorf("%s with %v = (%v, %v), want (%v, %v)", c.g, c.bind, v, ok, c.val, c.dec)
		}
	}
	if got, want := and.Negate().String(), "not (a and b is None)"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got, want := or.String(), "a or …"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got, want := and.Negate().Rename(map[string]string{"a": "x", "b": "y"}).String(), "not (x and y is None)"; got != want {
		t.Errorf("Rename = %q, want %q", got, want)
	}
	if got := and.Rename(map[string]string{"a": "x"}); got != nil {
		t.Errorf("Rename without b = %v, want nil", got)
	}
	partial := &Guard{Kind: GuardAnd, Subs: []*Guard{nil, a}}
	for _, c := range []struct {
		conds []*Guard
		want  string
	}{
		{[]*Guard{partial}, " only when `a`"},
		{[]*Guard{or.Negate()}, " only when `not a`"},
		{[]*Guard{or}, ""},
		{[]*Guard{and.Negate(), b}, " only when `not (a and b is None)` and `b is None`"},
		{[]*Guard{and, a}, " only when `a` and `b is None`"},
	} {
		if got := OnlyWhen(c.conds); got != c.want {
			t.Errorf("OnlyWhen(%v) = %q, want %q", c.conds, got, c.want)
		}
	}
}

// TestReachableAndNecessary builds "if p is None: return; block()" and a
// loop over range(n): a binding closes the edges its guards decide, and
// what stays undecided is named as necessary.
func TestReachableAndNecessary(t *testing.T) {
	f := &Func{Name: "f", Params: []*Param{{Name: "p"}, {Name: "n"}}}
	blk := func() *Block {
		b := &Block{Index: len(f.Blocks), Func: f}
		f.Blocks = append(f.Blocks, b)
		return b
	}
	link := func(a, b *Block) { a.Succs = append(a.Succs, b); b.Preds = append(b.Preds, a) }
	entry, ret, after, head, body, exit := blk(), blk(), blk(), blk(), blk(), blk()
	entry.Guard = &Guard{Kind: GuardIsNone, Param: "p"}
	link(entry, ret)
	link(entry, after)
	head.LoopHead = true
	head.Guard = &Guard{Kind: GuardPositive, Param: "n"}
	link(after, head)
	link(head, body)
	link(head, exit)
	link(body, head)
	if r := ReachableBlocks(f, Binding{"p": {Const: "None"}}); r[after.Index] || r[body.Index] || !r[ret.Index] {
		t.Errorf("p=None: reach = %v, want only entry and the return", r)
	}
	if r := ReachableBlocks(f, Binding{"p": {NotNone: true}, "n": {Const: "0"}}); !r[after.Index] || r[body.Index] || !r[exit.Index] {
		t.Errorf("n=0: reach = %v, want the loop's exit but not its body", r)
	}
	if r := ReachableBlocks(f, Binding{"n": {Const: "2"}}); !r[body.Index] || !r[exit.Index] {
		t.Errorf("n=2: reach = %v, want body and exit (the head's exit edge is not guarded)", r)
	}
	if got := OnlyWhen(NecessaryGuards(f, nil, body)); got != " only when `p is not None` and `n > 0`" {
		t.Errorf("necessary for body = %q", got)
	}
	if got := OnlyWhen(NecessaryGuards(f, Binding{"n": {Const: "1"}}, body)); got != " only when `p is not None`" {
		t.Errorf("necessary for body with n=1 = %q", got)
	}
	if got := NecessaryGuards(f, nil, entry); got != nil {
		t.Errorf("necessary for entry = %v, want none", got)
	}
}
