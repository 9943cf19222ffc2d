package fix

import (
	"cmp"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// candidate is the fix chosen for one diagnostic.
type candidate struct {
	diag *asyncir.Diagnostic
	fix  *asyncir.Fix
}

// choose picks, for each diagnostic, its first fix whose applicability is at
// least min. DisplayOnly fixes are never chosen.
func choose(diags []asyncir.Diagnostic, min asyncir.Applicability) []candidate {
	if min < asyncir.Unsafe {
		min = asyncir.Unsafe
	}
	var out []candidate
	for i := range diags {
		d := &diags[i]
		for j := range d.Fixes {
			f := &d.Fixes[j]
			if f.Applicability >= min && len(f.Edits) > 0 {
				out = append(out, candidate{d, f})
				break
			}
		}
	}
	return out
}

// order sorts candidates by the position of their first edit, then code
// and title, so overlap resolution never depends on analyzer scheduling.
func order(cs []candidate) {
	first := func(c candidate) asyncir.Edit {
		return slices.MinFunc(c.fix.Edits, func(a, b asyncir.Edit) int {
			return cmp.Or(cmp.Compare(a.Range.File, b.Range.File), cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset))
		})
	}
	slices.SortStableFunc(cs, func(a, b candidate) int {
		ea, eb := first(a), first(b)
		return cmp.Or(
			cmp.Compare(ea.Range.File, eb.Range.File),
			cmp.Compare(ea.Range.Start.Offset, eb.Range.Start.Offset),
			cmp.Compare(ea.Range.End.Offset, eb.Range.End.Offset),
			cmp.Compare(a.diag.Code, b.diag.Code),
			cmp.Compare(a.fix.Title, b.fix.Title),
		)
	})
}

// conflicts reports whether two edits of one file cannot both apply
// unambiguously: their ranges overlap, or they start at the same offset
// (two insertions there have no defined order).
func conflicts(a, b asyncir.Edit) bool {
	if a.Range.File != b.Range.File {
		return false
	}
	s1, e1, s2, e2 := a.Range.Start.Offset, a.Range.End.Offset, b.Range.Start.Offset, b.Range.End.Offset
	return s1 == s2 || max(s1, s2) < min(e1, e2)
}

// accepts is the set of edits chosen so far in one pass.
type accepts struct {
	edits []asyncir.Edit
}

// add takes all of f's edits or none. A fix whose edits all duplicate
// accepted ones is already applied (two diagnostics, one fix) and
// reported as such; an edit identical to an accepted one is shared, not a
// conflict (each time.sleep rewrite carries the same "import asyncio");
// a fix that conflicts is left for the next iteration.
func (a *accepts) add(f *asyncir.Fix) (added, duplicate bool) {
	var fresh []asyncir.Edit
	for _, e := range f.Edits {
		if !slices.Contains(a.edits, e) && !slices.Contains(fresh, e) {
			fresh = append(fresh, e)
		}
	}
	if len(fresh) == 0 {
		return false, true
	}
	for _, e := range fresh {
		for _, o := range a.edits {
			if conflicts(e, o) {
				return false, false
			}
		}
	}
	a.edits = append(a.edits, fresh...)
	return true, false
}

// applyEdits returns src with the non-conflicting edits of one file
// applied, or false when an edit lies outside it.
func applyEdits(src []byte, edits []asyncir.Edit) ([]byte, bool) {
	out, err := asyncir.ApplyEdits(src, edits)
	return out, err == nil
}

// byFile groups edits by file.
func byFile(edits []asyncir.Edit) map[string][]asyncir.Edit {
	m := map[string][]asyncir.Edit{}
	for _, e := range edits {
		m[e.Range.File] = append(m[e.Range.File], e)
	}
	return m
}
