package policy

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// rootKey identifies one root cause: a rule and the call where the fix
// goes.
type rootKey struct {
	code   string
	file   string
	offset int
}

// Group reports each root cause once. Findings with the same code and
// Cause.Range that are reached from two or more call sites become one
// finding at the root, whose message counts the callers and whose related
// locations are every call site; a root reached from one site stays a
// finding at that site. The blocked sides of one deadlock (each waits for
// the other) share a Cause the same way, and become one finding. The merged finding takes the highest severity of
// its sites and is placed where its first site was.
//
// Group reuses diags' array for its result.
func Group(diags []asyncir.Diagnostic) []asyncir.Diagnostic {
	sites := map[rootKey][]int{}
	for i, d := range diags {
		if d.Cause != nil {
			k := rootKey{d.Code, d.Cause.Range.File, int(d.Cause.Range.Start.Offset)}
			sites[k] = append(sites[k], i)
		}
	}
	// In place: the finding written at j <= i never overwrites one still
	// to be read, since every site of a root comes at or after its first
	// (idx is ascending).
	out := diags[:0]
	for i, d := range diags {
		if d.Cause == nil {
			out = append(out, d)
			continue
		}
		idx := sites[rootKey{d.Code, d.Cause.Range.File, int(d.Cause.Range.Start.Offset)}]
		switch {
		case len(idx) == 1:
			out = append(out, d)
		case idx[0] == i:
			out = append(out, merge(diags, idx))
		}
	}
	return out
}

// merge builds the finding at the root of the sites idx.
func merge(diags []asyncir.Diagnostic, idx []int) asyncir.Diagnostic {
	first := diags[idx[0]]
	c := first.Cause
	msg := c.Message
	if c.Callers != "" {
		msg = fmt.Sprintf("%s; %d %s reach it", c.Message, len(idx), c.Callers)
	}
	g := asyncir.Diagnostic{Code: first.Code, Analyzer: first.Analyzer, URL: first.URL, Range: c.Range,
		Tier: first.Tier, Message: msg}
	for _, i := range idx {
		d := diags[i]
		g.Severity = max(g.Severity, d.Severity)
		if d.Runtime == asyncir.RuntimeConfirmed {
			g.Runtime = d.Runtime // the runtime saw the root cause through one of its sites
		}
		site := d.Range
		if d.Cause.Site.IsValid() {
			site = d.Cause.Site
		}
		g.Related = append(g.Related, asyncir.Related{Range: site, Message: d.Cause.Via})
	}
	slices.SortStableFunc(g.Related, func(a, b asyncir.Related) int {
		return cmp.Or(cmp.Compare(a.Range.File, b.Range.File), cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset))
	})
	return g
}
