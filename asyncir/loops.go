package asyncir

// CFG holds the loop structure of a function: strongly connected
// components of its blocks and natural loops with their headers.
type CFG struct {
	f      *Func
	scc    []int  // block index → component id
	cyclic []bool // component id → part of a cycle
	order  []int  // component ids in reverse topological order (Tarjan's)
	// loopOf[b] lists the headers of the natural loops that contain b.
	loopOf [][]*Block
}

// NewCFG analyses f's control flow.
func NewCFG(f *Func) *CFG {
	g := &CFG{f: f, scc: make([]int, len(f.Blocks)), loopOf: make([][]*Block, len(f.Blocks))}
	g.tarjan()
	g.naturalLoops()
	return g
}

func (g *CFG) tarjan() {
	n := len(g.f.Blocks)
	index := make([]int, n)
	low := make([]int, n)
	on := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, s := range g.f.Blocks[v].Succs {
			w := s.Index
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			id := len(g.cyclic)
			size := 0
			self := false
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				g.scc[w] = id
				size++
				for _, s := range g.f.Blocks[w].Succs {
					if s.Index == w {
						self = true
					}
				}
				if w == v {
					break
				}
			}
			g.cyclic = append(g.cyclic, size > 1 || self)
			g.order = append(g.order, id)
		}
	}
	for v := range n {
		if index[v] < 0 {
			visit(v)
		}
	}
}

// InCycle reports whether b can run again after itself.
func (g *CFG) InCycle(b *Block) bool { return g.cyclic[g.scc[b.Index]] }

// MaxOnPath is the largest total of count over the ops of one path from
// the entry, or Inf when a counted op can repeat (it sits in a cycle).
func (g *CFG) MaxOnPath(count func(*Op) int) int {
	ncomp := len(g.cyclic)
	weight := make([]int, ncomp)
	for _, b := range g.f.Blocks {
		for _, op := range b.Ops {
			if c := count(op); c > 0 {
				if g.InCycle(b) {
					weight[g.scc[b.Index]] = Inf
				} else {
					weight[g.scc[b.Index]] = add(weight[g.scc[b.Index]], c)
				}
			}
		}
	}
	// Tarjan emits components sinks first: a component's successors are
	// finished before it.
	best := make([]int, ncomp)
	succs := make([][]int, ncomp)
	for _, b := range g.f.Blocks {
		for _, s := range b.Succs {
			if g.scc[s.Index] != g.scc[b.Index] {
				succs[g.scc[b.Index]] = append(succs[g.scc[b.Index]], g.scc[s.Index])
			}
		}
	}
	for _, id := range g.order {
		m := 0
		for _, s := range succs[id] {
			m = max(m, best[s])
		}
		best[id] = add(weight[id], m)
	}
	if len(g.f.Blocks) == 0 {
		return 0
	}
	return best[g.scc[0]]
}

// RunsForever reports whether some block reachable from the entry can
// reach no exit, normal or raising: a loop with no way out.
func (g *CFG) RunsForever() bool {
	n := len(g.f.Blocks)
	if n == 0 {
		return false
	}
	canExit := make([]bool, n)
	var work []*Block
	for _, b := range g.f.Blocks {
		if b.Exit || b.Raises {
			canExit[b.Index] = true
			work = append(work, b)
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range b.Preds {
			if !canExit[p.Index] {
				canExit[p.Index] = true
				work = append(work, p)
			}
		}
	}
	seen := make([]bool, n)
	work = []*Block{g.f.Blocks[0]}
	seen[0] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if !canExit[b.Index] {
			return true
		}
		for _, s := range b.Succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// naturalLoops finds each back edge t→h (h dominates t) and marks the
// blocks of its loop.
func (g *CFG) naturalLoops() {
	idom := dominators(g.f)
	dominates := func(a, b int) bool {
		for b >= 0 {
			if a == b {
				return true
			}
			if idom[b] == b {
				return false
			}
			b = idom[b]
		}
		return false
	}
	for _, t := range g.f.Blocks {
		if idom[t.Index] < 0 {
			continue
		}
		for _, h := range t.Succs {
			if !dominates(h.Index, t.Index) {
				continue
			}
			in := map[int]bool{h.Index: true}
			work := []*Block{t}
			for len(work) > 0 {
				b := work[len(work)-1]
				work = work[:len(work)-1]
				if in[b.Index] {
					continue
				}
				in[b.Index] = true
				work = append(work, b.Preds...)
			}
			for i := range in {
				if !contains(g.loopOf[i], h) {
					g.loopOf[i] = append(g.loopOf[i], h)
				}
			}
		}
	}
}

func contains(bs []*Block, b *Block) bool {
	for _, x := range bs {
		if x == b {
			return true
		}
	}
	return false
}

// LoopHeaders returns the headers of the natural loops containing b.
func (g *CFG) LoopHeaders(b *Block) []*Block { return g.loopOf[b.Index] }

// InLoop reports whether b is in the natural loop headed by h.
func (g *CFG) InLoop(b, h *Block) bool { return contains(g.loopOf[b.Index], h) }

// dominators computes immediate dominators (Cooper, Harvey and Kennedy);
// -1 marks blocks unreachable from the entry.
func dominators(f *Func) []int {
	n := len(f.Blocks)
	idom := make([]int, n)
	for i := range idom {
		idom[i] = -1
	}
	if n == 0 {
		return idom
	}
	// Postorder numbers: the entry has the highest.
	post := make([]int, 0, n)
	seen := make([]bool, n)
	var dfs func(b *Block)
	dfs = func(b *Block) {
		seen[b.Index] = true
		for _, s := range b.Succs {
			if !seen[s.Index] {
				dfs(s)
			}
		}
		post = append(post, b.Index)
	}
	dfs(f.Blocks[0])
	po := make([]int, n)
	for i, b := range post {
		po[b] = i
	}
	idom[0] = 0
	intersect := func(a, b int) int {
		for a != b {
			for po[a] < po[b] {
				a = idom[a]
			}
			for po[b] < po[a] {
				b = idom[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for i := len(post) - 1; i >= 0; i-- {
			b := post[i]
			if b == 0 {
				continue
			}
			nd := -1
			for _, p := range f.Blocks[b].Preds {
				if idom[p.Index] < 0 {
					continue
				}
				if nd < 0 {
					nd = p.Index
				} else {
					nd = intersect(p.Index, nd)
				}
			}
			if nd >= 0 && idom[b] != nd {
				idom[b] = nd
				changed = true
			}
		}
	}
	return idom
}
