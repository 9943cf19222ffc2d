package neverawaited

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// lockEdge is one function taking mutex field `to` while it holds `from`.
type lockEdge struct {
	from, to         string
	held, taken      *asyncir.Op // the Lock of from, the Lock of to (or the call that takes it)
	heldKind, toKind asyncir.LockOp
	inner            *asyncir.Op // the Lock of to inside the callee, when taken is a call
}

// checkLockOrder reports AL155 for two mutexes (struct fields, the same
// in every method) that one function takes in the order A then B, and
// another in the order B then A (itself, or through a function of the
// package it calls that takes B on every path): two goroutines running them can each
// hold one and wait forever for the other. Both second Locks are
// reported, as the two sides of one root cause. Locks of the same field (two values of one type) are not
// ordered by field and are not judged.
func checkLockOrder(pass *asyncir.Pass, locks *lockSummaries) {
	models := pass.Program.Models
	var edges []lockEdge
	for _, f := range pass.Module.Funcs {
		f.Ops(func(first *asyncir.Op) {
			m, kind := asyncir.LockCall(models, first)
			if m == nil || first.Kind != asyncir.OpCall || !asyncir.Acquires(kind) || m.Track == nil || m.Track.Field == "" {
				return
			}
			pl := asyncir.PlaceOf(m)
			releases := func(o *asyncir.Op) bool {
				return o.Kind != asyncir.OpDefer && locks.Releases(o, pl, kind)
			}
			f.Ops(func(o *asyncir.Op) {
				// Taken after the first on every path to it (a path
				// around a loop back to the first is not an order).
				if o.Kind != asyncir.OpCall || inTestFile(f) || f.Module.Generated[f.Range.File] || !precedes(first, o) || !asyncir.Reaches(first, o, releases) {
					return
				}
				// A helper that drops the held lock before taking the
				// other (unlock, lock, relock) orders nothing.
				if m2, _ := asyncir.LockCall(models, o); m2 == nil && locks.Releases(o, pl, kind) {
					return
				}
				for _, t := range takenBy(models, locks, o) {
					if t.field != m.Track.Field {
						edges = append(edges, lockEdge{m.Track.Field, t.field, first, o, kind, t.kind, t.at})
					}
				}
			})
		})
	}
	ends := endMarkers(pass.Module)
	for i := 0; i < len(edges); i++ {
		if joinsFirst(edges[i].held, ends) {
			edges = append(edges[:i], edges[i+1:]...)
			i--
		}
	}
	conflicts := func(a, b asyncir.LockOp) bool { return a == asyncir.LockWrite || b == asyncir.LockWrite }
	byPair := map[[2]string][]lockEdge{}
	for _, e := range edges {
		byPair[[2]string{e.from, e.to}] = append(byPair[[2]string{e.from, e.to}], e)
	}
	reported := map[*asyncir.Op]bool{}
	for _, e := range edges {
		for _, r := range byPair[[2]string{e.to, e.from}] {
			if reported[e.taken] || reported[r.taken] {
				continue
			}
			// Each waits for a lock the other holds, in modes that clash,
			// and no third lock both hold keeps them apart (a gate:
			// destructorM taken first by both).
			if !conflicts(e.toKind, r.heldKind) || !conflicts(r.toKind, e.heldKind) || sharedGate(models, e, r) {
				continue
			}
			reported[e.taken], reported[r.taken] = true, true
			// One deadlock, two blocked sides: both share a root, which
			// the policy layer reports once, at the first of them.
			root := asyncir.Cause{Range: firstInSource(e.taken, r.taken).Range,
				Message: fmt.Sprintf("`%s` and `%s` take mutexes `%s` and `%s` in opposite orders: each can wait forever for the other",
					e.taken.Func().QualName, r.taken.Func().QualName, fieldName(e.from), fieldName(e.to))}
			for _, pair := range [][2]lockEdge{{e, r}, {r, e}} {
				a, b := pair[0], pair[1]
				related := []asyncir.Related{
					{Range: a.held.Range, Message: "`" + fieldName(a.from) + "` locked here"},
					{Range: b.taken.Range, Message: "`" + b.taken.Func().QualName + "` locks `" + fieldName(a.from) + "` here while holding `" + fieldName(a.to) + "`"},
				}
				how := "locks"
				if a.inner != a.taken {
					how = "locks (through `" + calleeName(a.taken) + "`)"
					related = append(related, asyncir.Related{Range: a.inner.Range, Message: "`" + fieldName(a.to) + "` locked here"})
				}
				side := root
				side.Via = fmt.Sprintf("`%s` %s `%s` here while holding `%s`", a.taken.Func().QualName, how, fieldName(a.to), fieldName(a.from))
				report(pass, asyncir.Diagnostic{
					Code:  "AL155",
					Range: a.taken.Range,
					Message: fmt.Sprintf("`%s` %s mutex `%s` while holding `%s`, and `%s` takes them in the opposite order: each can wait forever for the other",
						a.taken.Func().QualName, how, fieldName(a.to), fieldName(a.from), b.taken.Func().QualName),
					Related: related,
					Cause:   &side,
				})
			}
		}
	}
}

// endMarkers lists the channel fields a function closes by defer, as it
// ends: waiting on one waits for that function's goroutine to finish.
func endMarkers(m *asyncir.Module) map[string]bool {
	out := map[string]bool{}
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpDefer && op.External == "close" && len(op.Args) == 1 && fieldOf(op.Args[0]) != "" {
				out[fieldOf(op.Args[0])] = true
			}
		})
	}
	return out
}

// joinsFirst reports whether the function of lock waits, before it,
// for a goroutine to end (<-s.recvDoneCh, closed by the receive loop's
// defer): a shutdown that runs after the goroutines it shares locks
// with, not beside them.
func joinsFirst(lock *asyncir.Op, ends map[string]bool) bool {
	joined := false
	lock.Func().Ops(func(o *asyncir.Op) {
		joined = joined || o.Kind == asyncir.OpAwait && o.Select() == nil && ends[fieldOf(o.Operand)] && precedes(o, lock)
	})
	return joined
}

// sharedGate reports whether the two functions hold a third mutex field
// at their second Locks, in modes that exclude each other: they cannot
// both be there at once.
func sharedGate(models *asyncir.Models, e, r lockEdge) bool {
	gates := func(x lockEdge) map[string]asyncir.LockOp {
		out := map[string]asyncir.LockOp{}
		for _, m := range heldLocks(models, x.taken) {
			if fld := m.Track.Field; fld != x.from && fld != x.to {
				if first := lockedBefore(models, x.taken, m, true); first != nil {
					_, out[fld] = asyncir.LockCall(models, first)
				}
			}
		}
		return out
	}
	theirs := gates(r)
	for fld, k := range gates(e) {
		if k2, ok := theirs[fld]; ok && (k == asyncir.LockWrite || k2 == asyncir.LockWrite) {
			return true
		}
	}
	return false
}

// takenLock is a mutex field a call takes, and how.
type takenLock struct {
	field string
	kind  asyncir.LockOp
	at    *asyncir.Op // the Lock call
}

// takenBy lists the mutex fields the call o takes: its own Lock, or the
// Locks a function of the package it calls takes on every path (a
// helper such as proxyPath that locks d.mu), known by their fields.
func takenBy(models *asyncir.Models, locks *lockSummaries, o *asyncir.Op) []takenLock {
	if m, k := asyncir.LockCall(models, o); m != nil {
		if asyncir.Acquires(k) && m.Track != nil && m.Track.Field != "" {
			return []takenLock{{m.Track.Field, k, o}}
		}
		return nil
	}
	var out []takenLock
	for _, a := range locks.Acquired(o) {
		if a.At == nil || a.At == o || !a.Must {
			continue
		}
		if m, _ := asyncir.LockCall(models, a.At); m != nil && m.Track != nil && m.Track.Field != "" {
			out = append(out, takenLock{m.Track.Field, a.Kind, a.At})
		}
	}
	return out
}

// precedes reports whether a runs before b on every path to b.
func precedes(a, b *asyncir.Op) bool {
	if a.Block == b.Block {
		return a.Index < b.Index
	}
	return asyncir.Dominates(a.Block, b.Block)
}

// inTestFile reports whether f is in a Go test file: a test that takes a
// package's locks in its own order to provoke a race says nothing about
// the package's lock order. Nor does generated code (a mock's
// bookkeeping locks), whose order is its generator's.
func inTestFile(f *asyncir.Func) bool {
	return strings.HasSuffix(f.Range.File, "_test.go")
}
