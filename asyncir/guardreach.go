package asyncir

import "strings"

// HasGuards reports whether some branch of f tests its parameters.
func HasGuards(f *Func) bool {
	for _, b := range f.Blocks {
		if b.Guard != nil {
			return true
		}
	}
	return false
}

// edgeGuard is the condition under which the edge from b to its i-th
// successor is taken, or nil when the edge is not guarded.
func edgeGuard(b *Block, i int) *Guard {
	switch {
	case b.Guard == nil || i > 1 || i == 1 && b.LoopHead:
		return nil
	case i == 0:
		return b.Guard
	}
	return b.Guard.Negate()
}

// edgeClosed reports whether bind rules out the edge from b to its i-th
// successor.
func edgeClosed(b *Block, i int, bind Binding) bool {
	g := edgeGuard(b, i)
	if g == nil || len(bind) == 0 {
		return false
	}
	v, ok := g.Eval(bind)
	return ok && !v
}

// ReachableBlocks marks the blocks of f that run on some path from its
// entry when its parameters are bound as bind (nil: nothing is known);
// an edge whose guard bind decides false is not taken.
func ReachableBlocks(f *Func, bind Binding) []bool {
	var r Reacher
	return r.Blocks(f, bind)
}

// CallsItself reports whether f calls itself on a block that reach marks:
// the inner call's arguments are not the outer call's (countdown(n - 1)),
// so what it reaches is what f reaches with any arguments.
func CallsItself(f *Func, reach []bool) bool {
	for _, b := range f.Blocks {
		if !reach[b.Index] {
			continue
		}
		for _, op := range b.Ops {
			if op.Callee == f {
				return true
			}
		}
	}
	return false
}

// Reacher computes ReachableBlocks for one function after another,
// reusing its memory: the result of Blocks is valid until the next call.
// Not for concurrent use.
type Reacher struct {
	seen  []bool
	stack []*Block
}

// Blocks is ReachableBlocks.
func (r *Reacher) Blocks(f *Func, bind Binding) []bool {
	return r.without(f, bind, nil, -1)
}

// reachWithout is ReachableBlocks with the edge from cut to its succ-th
// successor removed as well.
func reachWithout(f *Func, bind Binding, cut *Block, succ int) []bool {
	var r Reacher
	return r.without(f, bind, cut, succ)
}

func (r *Reacher) without(f *Func, bind Binding, cut *Block, succ int) []bool {
	if cap(r.seen) < len(f.Blocks) {
		r.seen = make([]bool, len(f.Blocks))
	}
	seen := r.seen[:len(f.Blocks)]
	clear(seen)
	if len(f.Blocks) == 0 {
		return seen
	}
	stack := append(r.stack[:0], f.Blocks[0])
	seen[0] = true
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i, s := range b.Succs {
			if seen[s.Index] || b == cut && i == succ || edgeClosed(b, i, bind) {
				continue
			}
			seen[s.Index] = true
			stack = append(stack, s)
		}
	}
	r.stack = stack
	return seen
}

// NecessaryGuards lists the conditions, undecided under bind, that every
// path from f's entry to target passes: the block runs "only when" they
// hold. Nil when target is reached unconditionally or not at all.
func NecessaryGuards(f *Func, bind Binding, target *Block) []*Guard {
	reach := ReachableBlocks(f, bind)
	if !reach[target.Index] {
		return nil
	}
	var out []*Guard
	seen := map[string]bool{}
	for _, b := range f.Blocks {
		if !reach[b.Index] || b.Guard == nil {
			continue
		}
		for i := range b.Succs {
			g := edgeGuard(b, i)
			if g == nil || edgeClosed(b, i, bind) {
				continue
			}
			if _, decided := g.Eval(bind); decided {
				continue
			}
			if reachWithout(f, bind, b, i)[target.Index] || seen[g.String()] {
				continue
			}
			seen[g.String()] = true
			out = append(out, g)
		}
	}
	return out
}

// OnlyWhen spells necessary conditions for a message: " only when `a`
// and `b`", or "" when there are none. Each condition contributes the
// tests it needs that can be spelled (see conjuncts).
func OnlyWhen(conds []*Guard) string {
	var parts []string
	seen := map[string]bool{}
	for _, c := range conds {
		for _, g := range conjuncts(c) {
			if s := "`" + g.String() + "`"; !seen[s] {
				seen[s] = true
				parts = append(parts, s)
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " only when " + strings.Join(parts, " and ")
}

// conjuncts splits g into tests that must all hold, leaving out those
// the frontend could not read: `a and …` needs a; `not (a or …)` needs
// not a; an or with an unreadable alternative needs nothing it can name.
func conjuncts(g *Guard) []*Guard {
	switch {
	case g == nil:
		return nil
	case g.Kind == GuardAnd && !g.Not:
		var out []*Guard
		for _, s := range g.Subs {
			out = append(out, conjuncts(s)...)
		}
		return out
	case g.Kind == GuardOr && g.Not:
		var out []*Guard
		for _, s := range g.Subs {
			out = append(out, conjuncts(s.Negate())...)
		}
		return out
	case g.Kind == GuardAnd || g.Kind == GuardOr:
		for _, s := range g.Subs {
			if s == nil || len(conjuncts(s)) == 0 {
				return nil
			}
		}
	}
	return []*Guard{g}
}
