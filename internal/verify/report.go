package verify

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// report prints the problems and the unconfirmed and unexpected findings
// as "path:line:" lines (verbose: the verified too), the static-only
// expectations apart, then one row per rule, then a one-line summary.
func report(w io.Writer, results []Result, verbose bool) {
	var all []Finding
	failing := 0
	for _, r := range results {
		for _, p := range r.Problems {
			fmt.Fprintln(w, p)
		}
		all = append(all, r.Findings...)
		if r.Failed() {
			failing++
		}
	}
	slices.SortStableFunc(all, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Code, b.Code))
	})
	counts := map[string]*[4]int{}
	var static []Finding
	for _, f := range all {
		if counts[f.Code] == nil {
			counts[f.Code] = new([4]int)
		}
		counts[f.Code][f.Outcome]++
		switch {
		case f.Outcome == StaticOnly:
			static = append(static, f)
		case verbose || f.Outcome == Unconfirmed || f.Outcome == Unexpected:
			fmt.Fprintln(w, f)
		}
	}
	// Static-only expectations are listed apart, with their reasons, for
	// review: nothing but the reason stands behind them.
	if len(static) > 0 {
		fmt.Fprintln(w, "static-only (not checked by the runtime):")
		for _, f := range static {
			fmt.Fprintf(w, "\t%s:%d: %s: %s\n", f.Path, f.Line, f.Code, f.Detail)
		}
	}
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule\tverified\tstatic-only\tunconfirmed\tunexpected\t")
	for _, c := range codes {
		n := counts[c]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c, n[Verified], n[StaticOnly], n[Unconfirmed], n[Unexpected])
	}
	tw.Flush()
	fmt.Fprintf(w, "verify: %d cases, %d failing\n", len(results), failing)
}
