package verify

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/expect"
)

// Outcome is what the runtime said about one expectation or event.
type Outcome int

const (
	Verified    Outcome = iota // a want confirmed by an event on its line
	StaticOnly                 // a want of a rule the case marks static-only
	Unconfirmed                // a want no event confirms
	Unexpected                 // an event of some rule on a line without its want
)

func (o Outcome) String() string {
	return [...]string{"verified", "static-only", "unconfirmed", "unexpected"}[o]
}

// Finding is one outcome at one place.
type Finding struct {
	Path    string
	Line    int
	Code    string
	Outcome Outcome
	Detail  string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s %s: %s", f.Path, f.Line, f.Code, f.Outcome, f.Detail)
}

// match compares the expectations of a case's files with the runtime's
// events (whose File is a case's Path). A want is verified by an event at
// its line that is evidence for its code; an event that is evidence for
// some rule of the case's language and that no want at its places accounts
// for is unexpected. A never-awaited coroutine on a line that raised is the
// exception's consequence (the call that should have consumed it failed),
// so it is never unexpected by itself.
func match(files []*expect.Case, evs []Event, table map[string][]Evidence, goRules bool) []Finding {
	var out []Finding
	raised := RaisedAt(evs)
	wantsAt := map[Loc][]*expect.Want{}
	for _, c := range files {
		for _, w := range c.Wants {
			at := Loc{c.Path, w.Line}
			wantsAt[at] = append(wantsAt[at], w)
		}
	}
	for _, c := range files {
		for _, w := range c.Wants {
			out = append(out, judgeWant(c, w, evs, table))
		}
	}
	for _, e := range evs {
		codes := rulesConfirmedBy(table, goRules, e)
		if len(codes) == 0 || (e.Kind == "never-awaited" && raised[Loc{e.File, e.Line}]) {
			continue
		}
		accounted := false
		for _, at := range e.Locs() {
			for _, w := range wantsAt[at] {
				accounted = accounted || w.Code == "" || slices.Contains(codes, w.Code)
			}
		}
		if !accounted {
			out = append(out, Finding{Path: e.File, Line: e.Line, Code: codes[0], Outcome: Unexpected,
				Detail: fmt.Sprintf("%s (evidence for %s, and the line has no want for it)", e, strings.Join(codes, ", "))})
		}
	}
	return out
}

// RaisedAt is the places where an exception passed, one a test expected
// included. A never-awaited coroutine at one of them is the exception's
// consequence (the call that should have consumed it failed), not a
// finding of its own.
func RaisedAt(evs []Event) map[Loc]bool {
	raised := map[Loc]bool{}
	for _, e := range evs {
		if e.Kind == "exception" || e.Kind == "expected-exception" {
			raised[Loc{e.File, e.Line}] = true
		}
	}
	return raised
}

// RulesConfirmedBy lists, sorted, the Python rules an event is evidence for.
func RulesConfirmedBy(table map[string][]Evidence, e Event) []string {
	return rulesConfirmedBy(table, false, e)
}

// judgeWant finds the outcome of one expectation. A want without a code
// (a Go want whose regexp names no rule) is confirmed by any evidence.
func judgeWant(c *expect.Case, w *expect.Want, evs []Event, table map[string][]Evidence) Finding {
	f := Finding{Path: c.Path, Line: w.Line, Code: w.Code}
	evidence, known := table[w.Code]
	if w.Code == "" {
		f.Code = "AL?"
		for _, code := range slices.Sorted(maps.Keys(table)) {
			if code[3] >= '5' {
				evidence, known = append(evidence, table[code]...), true
			}
		}
	}
	if reason, static := staticReason(c, w); static {
		f.Outcome, f.Detail = StaticOnly, reason
		return f
	}
	if !known {
		f.Outcome = Unconfirmed
		f.Detail = fmt.Sprintf("no runtime event can confirm %s; mark the case `static-only: %s <reason>`", w.Code, w.Code)
		return f
	}
	here := Loc{c.Path, w.Line}
	for _, e := range evs {
		if slices.Contains(e.Locs(), here) && slices.ContainsFunc(evidence, func(ev Evidence) bool { return ev.Confirms(e) }) {
			f.Outcome, f.Detail = Verified, e.String()
			return f
		}
	}
	f.Outcome, f.Detail = Unconfirmed, describe(evs, here)
	return f
}

// staticReason is the static-only mark that covers a want: its code's, or
// for a want without a code (a Go want whose regexp names no rule) every
// mark of its file.
func staticReason(c *expect.Case, w *expect.Want) (string, bool) {
	if w.Code != "" {
		r, ok := c.StaticOnly[w.Code]
		return r, ok
	}
	var reasons []string
	for _, code := range slices.Sorted(maps.Keys(c.StaticOnly)) {
		reasons = append(reasons, code+": "+c.StaticOnly[code])
	}
	return strings.Join(reasons, "; "), len(reasons) > 0
}

// describe says what the runtime did report at a place, for an unconfirmed want.
func describe(evs []Event, at Loc) string {
	var seen []string
	for _, e := range evs {
		if slices.Contains(e.Locs(), at) {
			seen = append(seen, e.String())
		}
	}
	if len(seen) == 0 {
		return "the runtime reported nothing on this line"
	}
	return "the runtime reported only: " + strings.Join(seen, "; ")
}
