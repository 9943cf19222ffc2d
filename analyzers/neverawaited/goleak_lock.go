package neverawaited

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkLockLeaks reports AL155: a mutex that f locks and then either
// returns with it held on some path while other paths release it, or
// locks again (itself, or through a function it calls) before releasing
// it: the next Lock, by any goroutine or by this one, blocks forever.
func checkLockLeaks(pass *asyncir.Pass, f *asyncir.Func, locks *lockSummaries) {
	models := pass.Program.Models
	f.Ops(func(op *asyncir.Op) {
		m, kind := lockCall(models, op)
		if m == nil || op.Kind != asyncir.OpCall || !acquires(kind) {
			return
		}
		pl := placeOf(m)
		releases := func(o *asyncir.Op) bool { return locks.releases(o, pl, kind) }
		// A deferred Unlock releases only at return. A goroutine that
		// waits on a channel in between may be waiting for another one
		// to unlock for it (a lock handed between goroutines).
		releasedNow := func(o *asyncir.Op) bool {
			return o.Kind != asyncir.OpDefer && releases(o) || waitsForOthers(models, o)
		}
		// A goroutine that never releases the lock itself may have it
		// released by another (a lock handed over): only a function that
		// keeps its own lock discipline is judged.
		if again, via := locks.acquiredAgain(op, pl, kind, releasedNow); again != nil && releasedSomewhere(op, releases) {
			reportDoubleLock(pass, f, op, m, again, via)
			return
		}
		cost := asyncir.PathCost{Op: func(o *asyncir.Op) int {
			if releases(o) {
				return asyncir.Inf
			}
			return 0
		}}
		if locks.enteredHeld(f, pl, kind) {
			return // it unlocks and relocks what its caller holds
		}
		if !asyncir.ReachedFromEntry(op, func(o *asyncir.Op) bool { return o.Kind == asyncir.OpDefer && releases(o) }) {
			return // relocked under an Unlock deferred earlier, which runs at return
		}
		c, exit := asyncir.CheapestExit(op, cost)
		if c >= asyncir.Inf || isLastExit(f, exit) || !releasedSomewhere(op, releases) {
			// Returning with the lock held on the function's final path
			// (and releasing it on the others) hands it to the caller:
			// a lock helper, not a forgotten Unlock.
			return
		}
		verb := "locked"
		if kind == asyncir.LockRead {
			verb = "read-locked"
		}
		report(pass, asyncir.Diagnostic{
			Code:    "AL155",
			Range:   op.Range,
			Message: fmt.Sprintf("%s stays %s when `%s` returns early: the next Lock blocks forever", lockName(m), verb, f.QualName),
			Related: returnRelated(f, exit, "without unlocking"),
		})
	})
}

func reportDoubleLock(pass *asyncir.Pass, f *asyncir.Func, first *asyncir.Op, m *asyncir.Value, again, via *asyncir.Op) {
	rel := []asyncir.Related{{Range: first.Range, Message: "first locked here"}}
	msg := fmt.Sprintf("%s is locked again by the goroutine that holds it: it blocks forever", lockName(m))
	at := again
	if via != nil {
		at = via
		rel = append(rel, asyncir.Related{Range: again.Range, Message: "locked again here"})
		msg = fmt.Sprintf("`%s` locks %s, which `%s` already holds: the goroutine blocks forever", via.Callee.QualName, lockName(m), f.QualName)
	}
	report(pass, asyncir.Diagnostic{Code: "AL155", Range: at.Range, Message: msg, Related: rel})
}

// lockCall returns the mutex op locks or unlocks and how, for a call or
// a defer of a sync.Mutex/RWMutex method.
func lockCall(models *asyncir.Models, op *asyncir.Op) (*asyncir.Value, asyncir.LockOp) {
	if (op.Kind != asyncir.OpCall && op.Kind != asyncir.OpDefer) || op.Recv == nil || op.Recv.Type.Await != asyncir.Mutex {
		return nil, asyncir.NoLockOp
	}
	if m := models.API(op.External); m != nil && m.Lock != asyncir.NoLockOp {
		return op.Recv, m.Lock
	}
	return nil, asyncir.NoLockOp
}

func acquires(k asyncir.LockOp) bool { return k == asyncir.LockWrite || k == asyncir.LockRead }

// releaseOf is the unlock that matches a lock.
func releaseOf(k asyncir.LockOp) asyncir.LockOp {
	if k == asyncir.LockRead {
		return asyncir.UnlockRead
	}
	return asyncir.UnlockWrite
}

// lockPlace is a mutex as a function sees it: a root value (an input, a
// local) and the field path from it.
type lockPlace struct {
	root *asyncir.Value
	path string
}

func placeOf(v *asyncir.Value) lockPlace {
	if v.Track != nil && v.Track.Root != nil {
		return lockPlace{v.Track.Root, v.Track.Path}
	}
	return lockPlace{v, ""}
}

// lockName names a mutex for messages: its field, or its variable.
func lockName(m *asyncir.Value) string {
	switch {
	case m.Track != nil && m.Track.Field != "":
		return "mutex `" + fieldName(m.Track.Field) + "`"
	case m.Track != nil && m.Track.Name != "":
		return "mutex `" + m.Track.Name + "`"
	}
	return "the mutex"
}

// inputAcquire is a lock a function takes on a place rooted at one of its
// inputs before releasing it, on some path from its entry.
type inputAcquire struct {
	input int
	path  string
	kind  asyncir.LockOp
	at    *asyncir.Op // the Lock call, in that function or one it calls
}

// lockSummaries holds, per function of the module, the locks it takes on
// places its inputs reach, and the places it releases: what a call
// passing those inputs does to the caller's mutexes.
type lockSummaries struct {
	models   *asyncir.Models
	acquired map[*asyncir.Func][]inputAcquire
	released map[*asyncir.Func][]inputAcquire
}

func newLockSummaries(models *asyncir.Models, m *asyncir.Module) *lockSummaries {
	s := &lockSummaries{models: models, acquired: map[*asyncir.Func][]inputAcquire{}, released: map[*asyncir.Func][]inputAcquire{}}
	// Summaries grow monotonically; a few rounds reach the call depths
	// that matter, and bound the work on deep call chains.
	for round := 0; round < 4; round++ {
		changed := false
		for _, f := range m.Funcs {
			changed = s.summarize(f) || changed
		}
		if !changed {
			break
		}
	}
	return s
}

// inputOf is the index of f's input that pl is rooted at, or -1.
func inputOf(f *asyncir.Func, pl lockPlace) int {
	for i, in := range f.Inputs {
		if in == pl.root {
			return i
		}
	}
	return -1
}

func (s *lockSummaries) summarize(f *asyncir.Func) bool {
	changed := false
	add := func(to map[*asyncir.Func][]inputAcquire, a inputAcquire) {
		for _, x := range to[f] {
			if x.input == a.input && x.path == a.path && x.kind == a.kind {
				return
			}
		}
		to[f] = append(to[f], a)
		changed = true
	}
	f.Ops(func(op *asyncir.Op) {
		if m, kind := lockCall(s.models, op); m != nil {
			pl := placeOf(m)
			i := inputOf(f, pl)
			if i < 0 {
				return
			}
			switch {
			case acquires(kind) && op.Kind == asyncir.OpCall:
				// Taken while a caller may hold it: only when no release
				// of the same place comes first (unlock, work, relock).
				if asyncir.ReachedFromEntry(op, func(o *asyncir.Op) bool { return o.Kind != asyncir.OpDefer && s.releases(o, pl, kind) }) {
					add(s.acquired, inputAcquire{i, pl.path, kind, op})
				}
			case !acquires(kind):
				add(s.released, inputAcquire{i, pl.path, kind, op})
			}
			return
		}
		if op.Callee == nil {
			return
		}
		for _, a := range s.acquired[op.Callee] {
			if pl, ok := calleePlace(op, a); ok && op.Kind == asyncir.OpCall {
				// Only what the call takes while f's caller may still hold
				// it: f has not released it first (resetAndUnlock).
				if i := inputOf(f, pl); i >= 0 && asyncir.ReachedFromEntry(op, func(o *asyncir.Op) bool { return o.Kind != asyncir.OpDefer && s.releases(o, pl, a.kind) }) {
					add(s.acquired, inputAcquire{i, pl.path, a.kind, a.at})
				}
			}
		}
		for _, a := range s.released[op.Callee] {
			if pl, ok := calleePlace(op, a); ok {
				if i := inputOf(f, pl); i >= 0 {
					add(s.released, inputAcquire{i, pl.path, a.kind, a.at})
				}
			}
		}
	})
	return changed
}

// calleePlace is the caller's place of a callee's input lock: the value
// the call binds to the input, followed by the callee's path.
func calleePlace(op *asyncir.Op, a inputAcquire) (lockPlace, bool) {
	b := asyncir.Bound(op, a.input)
	if b == nil {
		return lockPlace{}, false
	}
	pl := placeOf(b)
	pl.path += a.path
	return pl, true
}

// releases reports whether o unlocks pl, locked with kind k:
// an Unlock call or defer, or a call of a function that unlocks it.
func (s *lockSummaries) releases(o *asyncir.Op, pl lockPlace, k asyncir.LockOp) bool {
	want := releaseOf(k)
	if m, kind := lockCall(s.models, o); m != nil {
		return kind == want && placeOf(m) == pl
	}
	if o.Callee == nil {
		return false // a goroutine that unlocks takes the lock over, too
	}
	for _, a := range s.released[o.Callee] {
		if cp, ok := calleePlace(o, a); ok && cp == pl && a.kind == want {
			return true
		}
	}
	return false
}

// acquiredAgain finds a second acquisition of pl after first, before a
// release, by the same goroutine: a Lock call (again) or a call of a
// function that locks it (via, with again its Lock). Two read locks do
// not conflict.
func (s *lockSummaries) acquiredAgain(first *asyncir.Op, pl lockPlace, kind asyncir.LockOp, releases func(*asyncir.Op) bool) (again, via *asyncir.Op) {
	conflicts := func(k asyncir.LockOp) bool { return kind == asyncir.LockWrite || k == asyncir.LockWrite }
	first.Func().Ops(func(o *asyncir.Op) {
		if again != nil || o.Kind != asyncir.OpCall {
			return
		}
		if m, k := lockCall(s.models, o); m != nil {
			if acquires(k) && conflicts(k) && placeOf(m) == pl && asyncir.Reaches(first, o, releases) && (o != first || everyIteration(first)) {
				again = o
			}
			return
		}
		if o.Callee == nil {
			return
		}
		for _, a := range s.acquired[o.Callee] {
			if cp, ok := calleePlace(o, a); ok && cp == pl && conflicts(a.kind) && asyncir.Reaches(first, o, releases) {
				again, via = a.at, o
				return
			}
		}
	})
	return again, via
}

// enteredHeld reports whether f releases pl on some path from its entry
// before acquiring it: f runs with the lock held by its caller.
func (s *lockSummaries) enteredHeld(f *asyncir.Func, pl lockPlace, kind asyncir.LockOp) bool {
	held := false
	f.Ops(func(o *asyncir.Op) {
		if held || o.Kind != asyncir.OpCall || !s.releases(o, pl, kind) {
			return
		}
		held = asyncir.ReachedFromEntry(o, func(x *asyncir.Op) bool {
			m, k := lockCall(s.models, x)
			return m != nil && acquires(k) && x.Kind == asyncir.OpCall && placeOf(m) == pl
		})
	})
	return held
}

// waitsForOthers reports whether op blocks until another goroutine acts:
// a channel operation, a select, a Wait.
func waitsForOthers(models *asyncir.Models, op *asyncir.Op) bool {
	switch op.Kind {
	case asyncir.OpSend, asyncir.OpAwait, asyncir.OpSelect:
		return true
	case asyncir.OpCall:
		m := models.API(op.External)
		return m != nil && (m.Waits || m.Cond == asyncir.CondWait)
	}
	return false
}

// everyIteration reports whether every turn of the loops around op runs
// it: a lock taken again on the next turn is then a certain deadlock, not
// one a flag set beside the lock (if !locked { mu.Lock(); locked = true })
// rules out.
func everyIteration(op *asyncir.Op) bool {
	cfg := asyncir.NewCFG(op.Func())
	for _, h := range cfg.LoopHeaders(op.Block) {
		if h == op.Block {
			continue
		}
		// Back to the header without passing op's block: a turn skips it.
		seen := map[*asyncir.Block]bool{op.Block: true}
		work := append([]*asyncir.Block(nil), h.Succs...)
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

// releasedSomewhere reports whether some path from the lock releases it.
func releasedSomewhere(lock *asyncir.Op, releases func(*asyncir.Op) bool) bool {
	found := false
	lock.Func().Ops(func(o *asyncir.Op) {
		found = found || releases(o) && asyncir.Reaches(lock, o, nil)
	})
	return found
}

// isLastExit reports whether exit's return comes last in the source (a
// function with defers has several blocks returning at its closing brace).
func isLastExit(f *asyncir.Func, exit *asyncir.Block) bool {
	ret := asyncir.ExitOp(exit)
	if ret == nil {
		return false
	}
	for _, b := range f.Blocks {
		if op := asyncir.ExitOp(b); b.Exit && op != nil && op.Range.Start.Offset > ret.Range.Start.Offset {
			return false
		}
	}
	return true
}

// fieldName is "T.f" of a field key "path/pkg.T.f" (package paths may
// hold dots: nats.go).
func fieldName(key string) string {
	i := strings.LastIndex(key, ".")
	if i < 0 {
		return key
	}
	if j := strings.LastIndex(key[:i], "."); j >= 0 {
		return key[j+1:]
	}
	return key
}
