package neverawaited

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// lockEdge is one function taking mutex field `to` while it holds `from`.
type lockEdge struct {
	from, to         string
	held, taken      *asyncir.Op // the Lock of from, the Lock of to
	heldKind, toKind asyncir.LockOp
}

// checkLockOrder reports AL155 for two mutexes (struct fields, the same
// in every method) that one function takes in the order A then B, and
// another in the order B then A: two goroutines running them can each
// hold one and wait forever for the other. Both second Locks are
// reported. Locks of the same field (two values of one type) are not
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
				m2, k2 := asyncir.LockCall(models, o)
				if m2 == nil || o.Kind != asyncir.OpCall || !asyncir.Acquires(k2) || m2.Track == nil || m2.Track.Field == "" || m2.Track.Field == m.Track.Field {
					return
				}
				// Taken after the first on every path to it (a path
				// around a loop back to the first is not an order).
				if inTestFile(f) || !precedes(first, o) {
					return
				}
				if asyncir.Reaches(first, o, releases) {
					edges = append(edges, lockEdge{m.Track.Field, m2.Track.Field, first, o, kind, k2})
				}
			})
		})
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
			// Each waits for a lock the other holds, in modes that clash.
			if !conflicts(e.toKind, r.heldKind) || !conflicts(r.toKind, e.heldKind) {
				continue
			}
			reported[e.taken], reported[r.taken] = true, true
			for _, pair := range [][2]lockEdge{{e, r}, {r, e}} {
				a, b := pair[0], pair[1]
				report(pass, asyncir.Diagnostic{
					Code:  "AL155",
					Range: a.taken.Range,
					Message: fmt.Sprintf("`%s` locks mutex `%s` while holding `%s`, and `%s` takes them in the opposite order: each can wait forever for the other",
						a.taken.Func().QualName, fieldName(a.to), fieldName(a.from), b.taken.Func().QualName),
					Related: []asyncir.Related{
						{Range: a.held.Range, Message: "`" + fieldName(a.from) + "` locked here"},
						{Range: b.taken.Range, Message: "`" + b.taken.Func().QualName + "` locks `" + fieldName(a.from) + "` here while holding `" + fieldName(a.to) + "`"},
					},
				})
			}
		}
	}
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
// the package's lock order.
func inTestFile(f *asyncir.Func) bool {
	return strings.HasSuffix(f.Range.File, "_test.go")
}
