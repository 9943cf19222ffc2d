package asyncir

import "slices"

// ComputeDefUse links every local OpLoad of f to the OpStores of the same
// name that may reach it (reaching definitions over the CFG). Frontends call
// it once per function after building the CFG.
func ComputeDefUse(f *Func) {
	// Number the local stores; a block's are numbered in order from
	// first[its index].
	var stores []*Op
	var first []int32
	byVar := map[string][]int{}
	for _, b := range f.Blocks {
		numbered := false
		for _, op := range b.Ops {
			if isLocalStore(op) {
				if first == nil {
					first = make([]int32, len(f.Blocks))
				}
				if !numbered {
					first[b.Index], numbered = int32(len(stores)), true
				}
				byVar[op.Var] = append(byVar[op.Var], len(stores))
				stores = append(stores, op)
			}
		}
	}
	if len(stores) == 0 {
		return
	}
	// The sets of stores reaching each block's start (in) and end (out),
	// and the one being computed (cur), in one allocation: a module has
	// tens of thousands of functions, each with a few blocks.
	words := (len(stores) + 63) / 64
	sets := make([]uint64, (2*len(f.Blocks)+1)*words)
	in := func(b int) []uint64 { return sets[2*b*words : (2*b+1)*words] }
	out := func(b int) []uint64 { return sets[(2*b+1)*words : (2*b+2)*words] }
	cur := sets[2*len(f.Blocks)*words:]
	transfer := func(b *Block, visit func(op *Op)) {
		i := int(first[b.Index])
		for _, op := range b.Ops {
			if visit != nil {
				visit(op)
			}
			if isLocalStore(op) {
				for _, j := range byVar[op.Var] {
					cur[j/64] &^= 1 << (j % 64)
				}
				cur[i/64] |= 1 << (i % 64)
				i++
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, b := range f.Blocks {
			clear(cur)
			for _, p := range b.Preds {
				for w, x := range out(p.Index) {
					cur[w] |= x
				}
			}
			copy(in(b.Index), cur)
			transfer(b, nil)
			if o := out(b.Index); !slices.Equal(cur, o) {
				copy(o, cur)
				changed = true
			}
		}
	}
	for _, b := range f.Blocks {
		copy(cur, in(b.Index))
		transfer(b, func(op *Op) {
			if op.Kind != OpLoad || op.Global {
				return
			}
			defs := op.Defs()[:0]
			for _, i := range byVar[op.Var] {
				if cur[i/64]&(1<<(i%64)) != 0 {
					defs = append(defs, stores[i])
				}
			}
			op.SetDefs(defs)
		})
	}
}

// isLocalStore reports whether op stores to a local variable.
func isLocalStore(op *Op) bool { return op.Kind == OpStore && op.Var != "" && !op.Global }

// UnusedOnSomePath reports whether the local store s can reach a normal
// exit of its function along a path with no load that s reaches (a
// redefinition of the variable counts as losing the value). Paths that end
// in raise are not counted, but a path through an exception handler that
// carries on is, unless neverRaises says the op that would raise cannot
// (nil: every such op can). The returned op witnesses the path: the
// redefinition, or the op whose exception leads to a handler, or nil for
// the function's end.
func UnusedOnSomePath(s *Op, neverRaises func(*Op) bool) (bool, *Op) {
	f := s.Func()
	if f.Captured[s.Var] {
		return false, nil
	}
	visited := make([]bool, len(f.Blocks))
	var walk func(b *Block, from int) (bool, *Op)
	walk = func(b *Block, from int) (bool, *Op) {
		for _, op := range b.Ops[from:] {
			if op.Kind == OpLoad && op.Var == s.Var && !op.Global && reaches(op, s) {
				return false, nil
			}
			if op.Kind == OpStore && op.Var == s.Var && !op.Global {
				return true, op
			}
		}
		if b.Raises {
			return false, nil
		}
		if len(b.Succs) == 0 {
			return true, nil
		}
		succs := b.Succs
		if b.LoopHead && len(succs) > 1 {
			// A loop that runs zero times is not a path worth reporting:
			// static analysis cannot tell, and real loops mostly iterate.
			succs = succs[:1]
		}
		for _, succ := range succs {
			if visited[succ.Index] {
				continue
			}
			var raiser *Op
			if succ.Handler {
				if raiser = raisingOp(b); raiser != nil && neverRaises != nil && neverRaises(raiser) {
					continue
				}
			}
			visited[succ.Index] = true
			if bad, w := walk(succ, 0); bad {
				if w == nil && succ.Handler {
					w = raiser
				}
				return true, w
			}
		}
		return false, nil
	}
	return walk(s.Block, int(s.Index)+1)
}

// raisingOp is the op whose exception leaves block b for a handler: the
// first op of its normal successor (a try body's block ends just before
// an op that can raise), or nil.
func raisingOp(b *Block) *Op {
	for _, s := range b.Succs {
		if !s.Handler && len(s.Ops) > 0 {
			return s.Ops[0]
		}
	}
	return nil
}

func reaches(load, store *Op) bool {
	for _, d := range load.Defs() {
		if d == store {
			return true
		}
	}
	return false
}

// ReachableWithout reports whether op `to` can execute after op `from` on
// some path that does not pass a store to the local variable `v` (an empty
// v means no variable stops the search). Loops count: an op can reach
// itself through a back edge.
func ReachableWithout(from, to *Op, v string) bool {
	f := from.Func()
	visited := make([]bool, len(f.Blocks))
	var walk func(b *Block, start int) bool
	walk = func(b *Block, start int) bool {
		for _, op := range b.Ops[start:] {
			if op == to {
				return true
			}
			if v != "" && op.Kind == OpStore && op.Var == v && !op.Global {
				return false
			}
		}
		for _, s := range b.Succs {
			if !visited[s.Index] {
				visited[s.Index] = true
				if walk(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return walk(from.Block, int(from.Index)+1)
}
