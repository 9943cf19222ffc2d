package asyncir

import "testing"

// graph builds a function whose block i holds ops[i] ops of the given
// kinds and whose edges are the pairs in edges.
func graph(blocks [][]OpKind, edges [][2]int, exits ...int) *Func {
	f := &Func{Name: "f", QualName: "f"}
	for i, kinds := range blocks {
		b := &Block{Index: i, Func: f}
		for j, k := range kinds {
			b.Ops = append(b.Ops, &Op{Kind: k, Block: b, Index: int32(j)})
		}
		f.Blocks = append(f.Blocks, b)
	}
	for _, e := range edges {
		from, to := f.Blocks[e[0]], f.Blocks[e[1]]
		from.Succs = append(from.Succs, to)
		to.Preds = append(to.Preds, from)
	}
	for _, x := range exits {
		f.Blocks[x].Exit = true
	}
	return f
}

func count(k OpKind) func(*Op) int {
	return func(op *Op) int {
		if op.Kind == k {
			return 1
		}
		return 0
	}
}

func TestMaxOnPath(t *testing.T) {
	// 0 → 1 (send) → 3, 0 → 2 (send, send) → 3: at most two per path.
	f := graph([][]OpKind{{OpCall}, {OpSend}, {OpSend, OpSend}, {OpReturn}}, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, 3)
	if got := NewCFG(f).MaxOnPath(count(OpSend)); got != 2 {
		t.Errorf("diamond: got %d, want 2", got)
	}
	// A send in a loop is unbounded.
	f = graph([][]OpKind{{OpCall}, {OpSend}, {OpReturn}}, [][2]int{{0, 1}, {1, 1}, {1, 2}}, 2)
	if got := NewCFG(f).MaxOnPath(count(OpSend)); got != Inf {
		t.Errorf("loop: got %d, want Inf", got)
	}
}

func TestRunsForever(t *testing.T) {
	loop := graph([][]OpKind{{OpCall}, {OpCall}}, [][2]int{{0, 1}, {1, 1}})
	if !NewCFG(loop).RunsForever() {
		t.Error("for {} with no exit: want true")
	}
	exits := graph([][]OpKind{{OpCall}, {OpCall}, {OpReturn}}, [][2]int{{0, 1}, {1, 1}, {1, 2}}, 2)
	if NewCFG(exits).RunsForever() {
		t.Error("loop with a return: want false")
	}
}

func TestCheapestExit(t *testing.T) {
	// 0 (start) → 1 (await) → 3 exit; 0 → 2 → 3: the cheap path skips
	// the await; blocking edge 0→2 forces it.
	f := graph([][]OpKind{{OpSpawn}, {OpAwait}, {OpCall}, {OpReturn}}, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, 3)
	start := f.Blocks[0].Ops[0]
	c, exit := CheapestExit(start, PathCost{Op: count(OpAwait)})
	if c != 0 || exit != f.Blocks[3] {
		t.Errorf("got %d %v, want 0 at block 3", c, exit)
	}
	c, _ = CheapestExit(start, PathCost{Op: count(OpAwait), Edge: func(from, to *Block) int {
		if to.Index == 2 {
			return Inf
		}
		return 0
	}})
	if c != 1 {
		t.Errorf("with 0→2 blocked: got %d, want 1", c)
	}
	f.Blocks[1].Raises = true
	c, _ = CheapestExit(start, PathCost{Op: func(op *Op) int { return map[bool]int{true: Inf}[op.Kind == OpCall] }})
	if c != Inf {
		t.Errorf("every path raises or is blocked: got %d, want Inf", c)
	}
}

func TestLoopHeaders(t *testing.T) {
	// 0 → 1 (header) → 2 → 1, 1 → 3.
	f := graph([][]OpKind{{OpCall}, {OpCall}, {OpAwait}, {OpReturn}}, [][2]int{{0, 1}, {1, 2}, {2, 1}, {1, 3}}, 3)
	g := NewCFG(f)
	if hs := g.LoopHeaders(f.Blocks[2]); len(hs) != 1 || hs[0] != f.Blocks[1] {
		t.Errorf("headers of block 2: %v", hs)
	}
	if g.InLoop(f.Blocks[3], f.Blocks[1]) {
		t.Error("block 3 is outside the loop")
	}
}

func TestDominates(t *testing.T) {
	// 0 → 1 → 3, 0 → 2 → 3, 2 → 4: 0 dominates all, 2 dominates 4 but
	// not 3, and 1 dominates only itself.
	f := graph([][]OpKind{{}, {}, {}, {}, {}}, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}, {2, 4}}, 3, 4)
	b := f.Blocks
	for _, c := range []struct {
		a, b int
		want bool
	}{{0, 3, true}, {0, 4, true}, {2, 4, true}, {2, 3, false}, {1, 3, false}, {1, 1, true}, {3, 0, false}} {
		if got := Dominates(b[c.a], b[c.b]); got != c.want {
			t.Errorf("Dominates(%d, %d) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestVersions(t *testing.T) {
	from37, below310 := Versions{Min: 307}, Versions{Max: 310}
	if got := from37.Intersect(below310); got != (Versions{Min: 307, Max: 310}) {
		t.Errorf("intersect = %+v", got)
	}
	if c, ok := from37.Complement(); !ok || c != (Versions{Max: 307}) {
		t.Errorf("complement of >= 3.7 = %+v, %v", c, ok)
	}
	if _, ok := (Versions{Min: 307, Max: 310}).Complement(); ok {
		t.Error("a bounded range has a one-range complement")
	}
	if below310.RunsFrom(310) || !below310.RunsFrom(309) || !(Versions{}).RunsFrom(314) {
		t.Error("RunsFrom")
	}
}
