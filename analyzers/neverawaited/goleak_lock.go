package neverawaited

import (
	"fmt"
	"slices"
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
		checkHelperRelock(pass, f, op, locks)
		m, kind := asyncir.LockCall(models, op)
		if m == nil || op.Kind != asyncir.OpCall || !asyncir.Acquires(kind) {
			return
		}
		pl := asyncir.PlaceOf(m)
		viaClosure := releaserHandedOut(f, pl)
		releases := func(o *asyncir.Op) bool {
			return locks.Releases(o, pl, kind) || viaClosure && callsFuncValue(o)
		}
		// A deferred Unlock releases only at return. A goroutine that
		// waits on a channel in between may be waiting for another one
		// to unlock for it (a lock handed between goroutines).
		releasedNow := func(o *asyncir.Op) bool {
			return o.Kind != asyncir.OpDefer && releases(o) || waitsForOthers(models, o)
		}
		// A goroutine that never releases the lock itself may have it
		// released by another (a lock handed over): only a function that
		// keeps its own lock discipline is judged.
		// Recursive read locks are judged when both are certain: taken
		// on every path, not under a flag (if doLock { RLock() }).
		writer := locks.writer(m)
		if kind == asyncir.LockRead && (inTestFile(f) || !asyncir.OnEveryPath(op)) {
			writer = nil
		}
		if again, via := locks.acquiredAgain(op, pl, kind, releasedNow, writer != nil); again != nil && releasedSomewhere(op, releases) {
			if _, k := asyncir.LockCall(models, again); kind == asyncir.LockRead && k == asyncir.LockRead {
				reportRecursiveRead(pass, f, op, m, again, via, writer)
				return
			}
			reportDoubleLock(pass, f, op, lockName(m), again, via)
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

// releaserHandedOut reports whether f hands the place pl to a function of
// the package that captures it in a closure (miekg/dns's unlockOnce(&mu)
// returns func() { once.Do(l.Unlock) }): a call of a function value in f
// may then release pl.
func releaserHandedOut(f *asyncir.Func, pl asyncir.Place) bool {
	found := false
	f.Ops(func(op *asyncir.Op) {
		if found || op.Kind != asyncir.OpCall || op.Callee == nil {
			return
		}
		for _, a := range append([]*asyncir.Value{op.Recv}, op.Args...) {
			if a == nil || a.Type().Await != asyncir.Mutex || asyncir.PlaceOf(a) != pl {
				continue
			}
			for _, in := range asyncir.Bindings(op, a) {
				for _, u := range in.Uses {
					found = found || u.Op.Kind == asyncir.OpRef && slices.Contains(u.Op.Captures(), in)
				}
			}
		}
	})
	return found
}

// callsFuncValue reports whether op calls a function value: a closure or
// a func variable, not a function or method the IR resolves.
func callsFuncValue(op *asyncir.Op) bool {
	return (op.Kind == asyncir.OpCall || op.Kind == asyncir.OpDefer) && op.Callee == nil && op.External == "" && op.Recv == nil
}

// reportRecursiveRead reports AL155 for a read lock taken again by the
// goroutine that holds one, when writer (another function) takes the
// write lock: the writer's Lock waits for the first read lock, and the
// second read lock waits for the writer. Both sides are reported, as
// one root cause at the second read lock, where the fix goes.
func reportRecursiveRead(pass *asyncir.Pass, f *asyncir.Func, first *asyncir.Op, m *asyncir.Value, again, via, writer *asyncir.Op) {
	at, who := again, "`"+f.QualName+"`"
	if via != nil {
		at, who = via, "`"+calleeName(via)+"`"
	}
	root := asyncir.Cause{Range: at.Range,
		Message: fmt.Sprintf("%s read-locks %s again while `%s` holds a read lock, and `%s` write-locks it: a Lock queued in between blocks both forever",
			who, lockName(m), f.QualName, writer.Func().QualName)}
	reader, queued := root, root
	reader.Via = "read-locked again here, under the read lock `" + f.QualName + "` holds"
	queued.Via = "`" + writer.Func().QualName + "` can queue its Lock here, between the two read locks"
	report(pass, asyncir.Diagnostic{
		Code:  "AL155",
		Range: at.Range,
		Message: fmt.Sprintf("%s read-locks %s again while `%s` holds a read lock: a Lock waiting in between (`%s`) blocks both forever",
			who, lockName(m), f.QualName, writer.Func().QualName),
		Related: []asyncir.Related{{Range: first.Range, Message: "first read-locked here"}, {Range: writer.Range, Message: "a writer that can queue in between"}},
		Cause:   &reader,
	})
	report(pass, asyncir.Diagnostic{
		Code:    "AL155",
		Range:   writer.Range,
		Message: fmt.Sprintf("this Lock of %s can block forever: it waits for the read lock `%s` holds, while `%s` read-locks it again behind this Lock", lockName(m), f.QualName, f.QualName),
		Related: []asyncir.Related{{Range: at.Range, Message: "read-locked again here"}},
		Cause:   &queued,
	})
}

// firstInSource is whichever of a and b comes first in the source.
func firstInSource(a, b *asyncir.Op) *asyncir.Op {
	if b.Range.File < a.Range.File || b.Range.File == a.Range.File && b.Range.Start.Offset < a.Range.Start.Offset {
		return b
	}
	return a
}

// writer is a write Lock, in the package, of the mutex field m is held
// in; nil when none, or when m is not a field.
func (s *lockSummaries) writer(m *asyncir.Value) *asyncir.Op {
	if m.Track == nil || m.Track.Field == "" {
		return nil
	}
	return s.writers[m.Track.Field]
}

// checkHelperRelock reports AL155 for a lock taken through a helper
// that returns holding it (c.Lock(), in this package or another, which
// locks c.mu), when the same goroutine then takes it again before
// releasing it.
func checkHelperRelock(pass *asyncir.Pass, f *asyncir.Func, op *asyncir.Op, locks *lockSummaries) {
	for _, h := range locks.HeldAfter(op) {
		releases := func(o *asyncir.Op) bool { return locks.Releases(o, h.Place, h.Kind) }
		releasedNow := func(o *asyncir.Op) bool {
			return o.Kind != asyncir.OpDefer && releases(o) || waitsForOthers(locks.models, o)
		}
		again, via := locks.acquiredAgain(op, h.Place, h.Kind, releasedNow, false)
		if again == nil || via == op || !releasedSomewhere(op, releases) {
			continue
		}
		name := "the mutex that `" + calleeName(op) + "` takes"
		if again.Recv != nil && again.Recv.Type().Await == asyncir.Mutex {
			name = lockName(again.Recv)
		}
		reportDoubleLock(pass, f, op, name, again, via)
		return
	}
}

func reportDoubleLock(pass *asyncir.Pass, f *asyncir.Func, first *asyncir.Op, name string, again, via *asyncir.Op) {
	rel := []asyncir.Related{{Range: first.Range, Message: "first locked here"}}
	msg := fmt.Sprintf("%s is locked again by the goroutine that holds it: it blocks forever", name)
	at := again
	if via != nil {
		at = via
		if again != via {
			rel = append(rel, asyncir.Related{Range: again.Range, Message: "locked again here"})
		}
		msg = fmt.Sprintf("`%s` locks %s, which `%s` already holds: the goroutine blocks forever", calleeName(via), name, f.QualName)
	}
	report(pass, asyncir.Diagnostic{Code: "AL155", Range: at.Range, Message: msg, Related: rel})
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

// lockSummaries extends the module's lock summaries with the checks of
// AL155.
type lockSummaries struct {
	*asyncir.LockSummaries
	models *asyncir.Models
	// writers holds a write Lock of each mutex field, the first in the
	// module.
	writers map[string]*asyncir.Op
}

func newLockSummaries(models *asyncir.Models, m *asyncir.Module) *lockSummaries {
	s := &lockSummaries{asyncir.NewLockSummaries(models, m), models, map[string]*asyncir.Op{}}
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if mu, k := asyncir.LockCall(models, op); mu != nil && k == asyncir.LockWrite && op.Kind == asyncir.OpCall && mu.Track != nil && mu.Track.Field != "" && s.writers[mu.Track.Field] == nil {
				s.writers[mu.Track.Field] = op
			}
		})
	}
	return s
}

// acquiredAgain finds a second acquisition of pl after first, before a
// release, by the same goroutine: a Lock call (again) or a call of a
// function that locks it (via, with again its Lock). Two read locks do
// not conflict.
//
// Two read locks conflict too when some goroutine takes the write lock
// (readsConflict): a Lock that queues between them waits for the first
// and makes the second wait for it (Go prohibits recursive read locking).
func (s *lockSummaries) acquiredAgain(first *asyncir.Op, pl asyncir.Place, kind asyncir.LockOp, releases func(*asyncir.Op) bool, readsConflict bool) (again, via *asyncir.Op) {
	conflicts := func(k asyncir.LockOp) bool {
		return kind == asyncir.LockWrite || k == asyncir.LockWrite
	}

	first.Func().Ops(func(o *asyncir.Op) {
		if again != nil || o.Kind != asyncir.OpCall {
			return
		}
		if m, k := asyncir.LockCall(s.models, o); m != nil {
			if asyncir.Acquires(k) && (conflicts(k) || readsConflict && asyncir.OnEveryPath(o)) && asyncir.PlaceOf(m) == pl && asyncir.Reaches(first, o, releases) && (o != first && precedes(first, o) || o == first && asyncir.EveryTurn(first) && sameEachTurn(first, m)) {
				again = o
			}
			return
		}
		for _, a := range s.Acquired(o) {
			// Only a lock the callee takes on every path: one a flag
			// selects (hasLock) is the caller's to skip.
			if cp, ok := asyncir.CalleePlace(o, a); ok && cp == pl && a.Must && (conflicts(a.Kind) || readsConflict && asyncir.OnEveryPath(o)) && precedes(first, o) && asyncir.Reaches(first, o, releases) {
				again, via = a.At, o
				return
			}
		}
	})
	return again, via
}

// enteredHeld reports whether f releases pl on some path from its entry
// before acquiring it: f runs with the lock held by its caller.
func (s *lockSummaries) enteredHeld(f *asyncir.Func, pl asyncir.Place, kind asyncir.LockOp) bool {
	held := false
	f.Ops(func(o *asyncir.Op) {
		if held || o.Kind != asyncir.OpCall || !s.Releases(o, pl, kind) {
			return
		}
		held = asyncir.ReachedFromEntry(o, func(x *asyncir.Op) bool {
			m, k := asyncir.LockCall(s.models, x)
			return m != nil && asyncir.Acquires(k) && x.Kind == asyncir.OpCall && asyncir.PlaceOf(m) == pl
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
// A block no path enters is not a return of the source: Go's block that
// returns after a recovered panic (bbolt's beginRWTx, whose deferred
// metalock.Unlock gives it one, hands rwlock to the Tx it returns).
func isLastExit(f *asyncir.Func, exit *asyncir.Block) bool {
	ret := asyncir.ExitOp(exit)
	if ret == nil {
		return false
	}
	for _, b := range f.Blocks {
		if b.Index != 0 && len(b.Preds) == 0 {
			continue
		}
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

// calleeName names the function a call runs: the package's own by its
// qualified name, another package's by its short path.
func calleeName(op *asyncir.Op) string {
	if op.Callee != nil {
		return op.Callee.QualName
	}
	return trimPath(op.External)
}

// sameEachTurn reports whether the mutex m that op locks in a loop is the
// same one on every turn: its place is rooted outside the loop, not at a
// value the loop computes anew (for _, s := range servers { s.mu.Lock() }).
func sameEachTurn(op *asyncir.Op, m *asyncir.Value) bool {
	root := asyncir.PlaceOf(m).Root
	if asyncir.InputOf(op.Func(), asyncir.Place{Root: root}) >= 0 {
		return true // an input of the function
	}
	if root == nil || root.Def == nil {
		return false // a value loaded anew, perhaps each turn
	}
	cfg := asyncir.NewCFG(op.Func())
	for _, h := range cfg.LoopHeaders(op.Block) {
		if root.Def.Block.Func == op.Func() && cfg.InLoop(root.Def.Block, h) {
			return false
		}
	}
	return true
}
