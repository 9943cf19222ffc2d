package asyncir

// ComputeDefUse links every local OpLoad of f to the OpStores of the same
// name that may reach it (reaching definitions over the CFG). Frontends call
// it once per function after building the CFG.
func ComputeDefUse(f *Func) {
	// Number the local stores.
	var stores []*Op
	byVar := map[string][]int{}
	for _, b := range f.Blocks {
		for _, op := range b.Ops {
			if op.Kind == OpStore && op.Var != "" && !op.Global {
				byVar[op.Var] = append(byVar[op.Var], len(stores))
				stores = append(stores, op)
			}
		}
	}
	if len(stores) == 0 {
		return
	}
	n := len(stores)
	words := (n + 63) / 64
	type bits []uint64
	newBits := func() bits { return make(bits, words) }
	in := make([]bits, len(f.Blocks))
	out := make([]bits, len(f.Blocks))
	for i := range f.Blocks {
		in[i], out[i] = newBits(), newBits()
	}
	storeIndex := make(map[*Op]int, n)
	for i, s := range stores {
		storeIndex[s] = i
	}
	transfer := func(b *Block, cur bits, visit func(op *Op, cur bits)) {
		for _, op := range b.Ops {
			if visit != nil {
				visit(op, cur)
			}
			if op.Kind == OpStore && op.Var != "" && !op.Global {
				for _, i := range byVar[op.Var] {
					cur[i/64] &^= 1 << (i % 64)
				}
				i := storeIndex[op]
				cur[i/64] |= 1 << (i % 64)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, b := range f.Blocks {
			cur := newBits()
			for _, p := range b.Preds {
				for w := range cur {
					cur[w] |= out[p.Index][w]
				}
			}
			copy(in[b.Index], cur)
			transfer(b, cur, nil)
			for w := range cur {
				if cur[w] != out[b.Index][w] {
					out[b.Index] = cur
					changed = true
					break
				}
			}
		}
	}
	for _, b := range f.Blocks {
		cur := newBits()
		copy(cur, in[b.Index])
		transfer(b, cur, func(op *Op, cur bits) {
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
