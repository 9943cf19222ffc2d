package asyncir

// FlagsAt lists the flags (Block.Cond) whose value every path from the
// function's entry to b has decided: b is reached only through one edge
// of a test of the flag. The value is whether the flag holds.
func FlagsAt(b *Block) map[string]bool {
	var out map[string]bool
	f := b.Func
	for _, t := range f.Blocks {
		if t.Cond == nil || len(t.Succs) < 2 || t.Succs[0] == t.Succs[1] || t == b {
			continue
		}
		for i := range 2 {
			if !reachableWithout(f, b, t, i) {
				if out == nil {
					out = map[string]bool{}
				}
				out[t.Cond.Key] = (i == 0) != t.Cond.Not
			}
		}
	}
	return out
}

// reachableWithout reports whether b is reachable from f's entry without
// taking the edge from t to its successor i.
func reachableWithout(f *Func, b, t *Block, i int) bool {
	found := false
	WalkFromEntry(f, func(x *Block, j int) bool { return x == t && j == i }, func(x *Block) bool {
		found = found || x == b
		return !found
	})
	return found
}

// WalkFromEntry visits each block reachable from f's entry once, depth
// first, not taking the edges cut reports (nil: none); visit returns
// false to go no further from a block.
func WalkFromEntry(f *Func, cut func(b *Block, i int) bool, visit func(b *Block) bool) {
	if len(f.Blocks) == 0 {
		return
	}
	seen := make([]bool, len(f.Blocks))
	work := []*Block{f.Blocks[0]}
	seen[0] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if !visit(b) {
			continue
		}
		for j, s := range b.Succs {
			if seen[s.Index] || cut != nil && cut(b, j) {
				continue
			}
			seen[s.Index] = true
			work = append(work, s)
		}
	}
}

// contradicts reports whether taking b's successor i tests a flag fixed
// has decided the other way.
func contradicts(fixed map[string]bool, b *Block, i int) bool {
	if b.Cond == nil || i > 1 {
		return false
	}
	v, ok := fixed[b.Cond.Key]
	return ok && v != ((i == 0) != b.Cond.Not)
}
