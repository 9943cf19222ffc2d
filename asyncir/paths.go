package asyncir

import "container/heap"

// Inf is the cost of an op or edge that a path search may not cross.
const Inf = 1 << 30

// PathCost configures CheapestExit: the cost of executing an op and of
// following an edge (nil means 0). Costs are 0, small counts, or Inf.
type PathCost struct {
	Op   func(*Op) int
	Edge func(from, to *Block) int
}

// CheapestExit returns the least total cost of a path from just after op
// start to a normal exit of its function, and that exit block; (Inf, nil)
// when every path is blocked, raises, or never ends.
func CheapestExit(start *Op, c PathCost) (int, *Block) {
	return cheapestExit(start.Func(), start.Block, int(start.Index)+1, c)
}

// CheapestExitFromEntry is CheapestExit from the entry of f, its first
// op included.
func CheapestExitFromEntry(f *Func, c PathCost) (int, *Block) {
	if len(f.Blocks) == 0 {
		return Inf, nil
	}
	return cheapestExit(f, f.Blocks[0], 0, c)
}

func cheapestExit(f *Func, startBlock *Block, from int, c PathCost) (int, *Block) {
	opCost := func(op *Op) int {
		if c.Op == nil {
			return 0
		}
		return c.Op(op)
	}
	blockCost := func(b *Block, from int) int {
		sum := 0
		for _, op := range b.Ops[from:] {
			sum = add(sum, opCost(op))
		}
		return sum
	}
	dist := make([]int, len(f.Blocks))
	for i := range dist {
		dist[i] = Inf
	}
	var q costQueue
	best, bestExit := Inf, (*Block)(nil)
	fixed := FlagsAt(startBlock)
	// A first-turn flag's changed edge is taken only after a block that
	// changes it ran; when each of those costs Inf, so does any path
	// through the edge. Only for a loop entered after start: a turn run
	// before start may have changed the flag already.
	unpayable := func(b *Block) bool {
		ft := b.FirstTurn()
		if ft == nil || BlockReaches(ft.Loop, startBlock) {
			return false
		}
		for _, x := range ft.Changed {
			if blockCost(x, 0) < Inf {
				return false
			}
		}
		return true
	}
	leave := func(b *Block, d int) {
		if d >= Inf || b.Raises {
			return
		}
		if b.Exit && d < best {
			best, bestExit = d, b
		}
		for i, s := range b.Succs {
			if contradicts(fixed, b, i) {
				continue // a flag tested again goes the way it went to start
			}
			if ft := b.FirstTurn(); ft != nil && i == ft.Succ && unpayable(b) {
				continue
			}
			e := 0
			if c.Edge != nil {
				e = c.Edge(b, s)
			}
			nd := add(d, e)
			if nd < dist[s.Index] {
				dist[s.Index] = nd
				heap.Push(&q, costItem{s, nd})
			}
		}
	}
	leave(startBlock, blockCost(startBlock, from))
	for q.Len() > 0 {
		it := heap.Pop(&q).(costItem)
		if it.cost > dist[it.b.Index] {
			continue
		}
		leave(it.b, add(it.cost, blockCost(it.b, 0)))
	}
	return best, bestExit
}

func add(a, b int) int {
	if a >= Inf || b >= Inf || a+b >= Inf {
		return Inf
	}
	return a + b
}

type costItem struct {
	b    *Block
	cost int
}

type costQueue []costItem

func (q costQueue) Len() int           { return len(q) }
func (q costQueue) Less(i, j int) bool { return q[i].cost < q[j].cost }
func (q costQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *costQueue) Push(x any)        { *q = append(*q, x.(costItem)) }
func (q *costQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// Reaches reports whether op `to` can run after op `from` on some path on
// which stop returns false for every op in between.
func Reaches(from, to *Op, stop func(*Op) bool) bool {
	f := from.Func()
	seen := make([]bool, len(f.Blocks))
	var walk func(b *Block, i int) bool
	walk = func(b *Block, i int) bool {
		for _, op := range b.Ops[i:] {
			if op == to {
				return true
			}
			if stop != nil && stop(op) {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				if walk(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return walk(from.Block, int(from.Index)+1)
}

// ReachedFromEntry reports whether op `to` can run on some path from the
// entry of its function on which stop returns false for every op before it.
func ReachedFromEntry(to *Op, stop func(*Op) bool) bool {
	return ReachedFromEntryUnder(to, stop, nil)
}

// ReachedFromEntryUnder is ReachedFromEntry when the function's
// parameters are bound as bind: an edge whose guard bind decides false is
// not taken.
func ReachedFromEntryUnder(to *Op, stop func(*Op) bool, bind Binding) bool {
	f := to.Func()
	if len(f.Blocks) == 0 {
		return false
	}
	seen := make([]bool, len(f.Blocks))
	work := []*Block{f.Blocks[0]}
	seen[0] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		blocked := false
		for _, op := range b.Ops {
			if op == to {
				return true
			}
			if stop != nil && stop(op) {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		for i, s := range b.Succs {
			if !seen[s.Index] && !edgeClosed(b, i, bind) {
				seen[s.Index] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// Bound returns the value op binds to input i of its callee (see
// Bindings): the receiver, an argument or a capture; nil when none.
func Bound(op *Op, i int) *Value {
	f := op.Callee
	if f == nil || i < 0 {
		return nil
	}
	if i >= len(f.Params) {
		if k := i - len(f.Params); k < len(op.Captures()) {
			return op.Captures()[k]
		}
		return nil
	}
	if op.Recv != nil {
		if i == 0 {
			return op.Recv
		}
		i--
	}
	if i < len(op.Args) {
		return op.Args[i]
	}
	return nil
}

// Dominates reports whether every path from the entry of a's function to
// block b passes a (a block dominates itself).
func Dominates(a, b *Block) bool {
	f := a.Func
	if a == b {
		return true
	}
	seen := make([]bool, len(f.Blocks))
	seen[a.Index] = true
	todo := []*Block{f.Entry()}
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if x == nil || seen[x.Index] {
			continue
		}
		if x == b {
			return false
		}
		seen[x.Index] = true
		todo = append(todo, x.Succs...)
	}
	return true
}

// BlockReaches reports whether to can be reached from from by following
// one or more edges.
func BlockReaches(from, to *Block) bool {
	seen := make([]bool, len(from.Func.Blocks))
	work := append([]*Block(nil), from.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == to {
			return true
		}
		if !seen[x.Index] {
			seen[x.Index] = true
			work = append(work, x.Succs...)
		}
	}
	return false
}
