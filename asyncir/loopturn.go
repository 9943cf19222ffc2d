package asyncir

// EveryTurn reports whether every turn of the loops around op runs it: a
// lock taken again on the next turn is then a certain deadlock, not one a
// flag set beside the lock (if !locked { mu.Lock(); locked = true }) rules
// out.
func EveryTurn(op *Op) bool {
	cfg := NewCFG(op.Func())
	for _, h := range cfg.LoopHeaders(op.Block) {
		if h == op.Block {
			continue
		}
		// Back to the header without passing op's block: a turn skips it.
		seen := map[*Block]bool{op.Block: true}
		work := append([]*Block(nil), h.Succs...)
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if b == h {
				return false
			}
			if seen[b] || !cfg.InLoop(b, h) {
				continue
			}
			seen[b] = true
			work = append(work, b.Succs...)
		}
	}
	return true
}

// onlyEmptyLoopsSkip reports whether the only paths of op's function that
// return without running op are those on which a loop around op never
// turns (a range over an empty map): op runs on every turn, and no return
// is reached from the entry without passing op or a loop header around
// it. Such an op is as certain as one on every path; a flag did not
// choose it.
func onlyEmptyLoopsSkip(op *Op) bool {
	f := op.Func()
	cfg := NewCFG(f)
	heads := cfg.LoopHeaders(op.Block)
	if len(heads) == 0 || !EveryTurn(op) {
		return false
	}
	skipped := false // a return reached without passing op or a loop around it
	WalkFromEntry(f, nil, func(b *Block) bool {
		if skipped || b == op.Block || contains(heads, b) {
			return false
		}
		skipped = b.Exit && ExitOp(b) != nil
		return !skipped
	})
	return !skipped
}
