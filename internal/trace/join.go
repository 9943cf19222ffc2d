package trace

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/srcpos"
	"github.com/asynclint/asynclint/internal/verify"
)

// runtimeOnlyRules are the rules whose runtime evidence is a bug wherever
// it is seen, so an event with no static finding is reported on its own.
// The other rules' evidence (an AttributeError, a TypeError about `loop=`,
// a deprecation, a hang) is also what compatibility code provokes and
// catches on purpose, or what library code does on the project's behalf:
// it only confirms.
func runtimeOnlyRules() []string {
	return []string{"AL101", "AL102", "AL103", "AL104", "AL201", "AL202", "AL203", "AL304", "AL305", "AL401"}
}

// confirmOnlyKinds are events that confirm a finding but are no finding by
// themselves: a task destroyed while pending is also a referenced task
// left running when its loop closed (a test's teardown); only a task that
// nothing but the loop referenced (task-unreferenced) is AL102's own.
func confirmOnlyKinds() []string {
	return []string{"task-destroyed"}
}

// Joiner joins one recording with the static findings of the same tree.
type Joiner struct {
	Events    []verify.Event
	Roots     []string // the paths checked, as the user spelled them
	Analyzers []*asyncir.Analyzer
	// ReadFile reads the text a runtime-only finding's range is measured
	// on (an editor's buffer); nil reads the disk.
	ReadFile func(path string) ([]byte, error)
}

// Join marks each static finding whose site the runtime saw with evidence
// of its rule (verify's evidence table) as confirmed, and adds each event
// of a runtime-only rule that no finding accounts for as a finding of its
// own, with the stack that led there as related locations. A finding's site
// is its line or a line of its related locations (a call chain); an event's
// places are its line and the project frames of its stack.
func (j Joiner) Join(diags []asyncir.Diagnostic, cfg *asyncir.Config) []asyncir.Diagnostic {
	table := verify.EvidenceTable()
	raised := verify.RaisedAt(j.Events)
	var evs []verify.Event
	for _, e := range j.Events {
		if e.Line > 0 && filepath.IsAbs(e.File) && !(e.Kind == "never-awaited" && raised[verify.Loc{File: e.File, Line: e.Line}]) {
			evs = append(evs, e)
		}
	}
	accounted := make([]bool, len(evs))
	for i := range diags {
		d := &diags[i]
		sites := siteSet(d)
		for k, e := range evs {
			if !confirms(table[d.Code], e) || !j.sawAny(e, sites) {
				continue
			}
			d.Runtime = asyncir.RuntimeConfirmed
			accounted[k] = true
		}
	}
	type key struct {
		code string
		loc  verify.Loc
	}
	added := map[key]bool{}
	for k, e := range evs {
		if accounted[k] || slices.Contains(confirmOnlyKinds(), e.Kind) {
			continue
		}
		codes := slices.DeleteFunc(verify.RulesConfirmedBy(table, e), func(c string) bool {
			return !slices.Contains(runtimeOnlyRules(), c) || !cfg.Enabled(c)
		})
		if len(codes) == 0 {
			continue
		}
		at := key{codes[0], verify.Loc{File: e.File, Line: e.Line}}
		if added[at] {
			continue
		}
		added[at] = true
		if d, ok := j.runtimeOnly(codes[0], e); ok {
			diags = append(diags, d)
		}
	}
	return diags
}

func confirms(evidence []verify.Evidence, e verify.Event) bool {
	return slices.ContainsFunc(evidence, func(ev verify.Evidence) bool { return ev.Confirms(e) })
}

// siteSet is a finding's line and its related lines, as absolute places.
func siteSet(d *asyncir.Diagnostic) map[verify.Loc]bool {
	sites := map[verify.Loc]bool{}
	add := func(r asyncir.Range) {
		if abs, err := filepath.Abs(r.File); err == nil && r.Start.Line > 0 {
			sites[verify.Loc{File: abs, Line: int(r.Start.Line)}] = true
		}
	}
	add(d.Range)
	for _, r := range d.Related {
		add(r.Range)
	}
	return sites
}

// sawAny reports whether the event was at one of the sites, or passed one
// of them on its stack.
func (j Joiner) sawAny(e verify.Event, sites map[verify.Loc]bool) bool {
	for _, l := range e.Locs() {
		if sites[l] {
			return true
		}
	}
	for _, f := range e.Stack {
		if sites[verify.Loc{File: f.File, Line: f.Line}] {
			return true
		}
	}
	return false
}

// runtimeOnly is the finding for an event no static finding accounts for.
func (j Joiner) runtimeOnly(code string, e verify.Event) (asyncir.Diagnostic, bool) {
	a, rule := j.rule(code)
	if rule == nil {
		return asyncir.Diagnostic{}, false
	}
	d := asyncir.Diagnostic{
		Code:     code,
		Analyzer: a.Name,
		Severity: rule.Severity,
		Range:    j.lineRange(e.File, e.Line),
		Message:  fmt.Sprintf("seen at run time, not found by the static analysis: %s", e.Detail),
		URL:      a.URL + "#" + strings.ToLower(code),
		Runtime:  asyncir.RuntimeOnly,
	}
	for _, f := range e.Stack {
		if !j.inProject(f.File) || (f.File == e.File && f.Line == e.Line) {
			continue
		}
		d.Related = append(d.Related, asyncir.Related{Range: j.lineRange(f.File, f.Line), Message: fmt.Sprintf("stack: in `%s`", f.Func)})
	}
	return d, true
}

func (j Joiner) rule(code string) (*asyncir.Analyzer, *asyncir.Rule) {
	for _, a := range j.Analyzers {
		for _, r := range a.Rules {
			if r.Code == code {
				return a, r
			}
		}
	}
	return nil, nil
}

// display is an absolute project path as the user spelled its root
// (relative roots give relative paths, like the static findings').
func (j Joiner) display(abs string) (string, bool) {
	for _, root := range j.Roots {
		ar, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		if abs == ar {
			return root, true
		}
		if rel, err := filepath.Rel(ar, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.Join(root, rel), true
		}
	}
	return abs, false
}

func (j Joiner) inProject(abs string) bool {
	_, ok := j.display(abs)
	return ok
}

// lineRange spans a line's text from its first non-blank byte.
func (j Joiner) lineRange(abs string, line int) asyncir.Range {
	path, _ := j.display(abs)
	r := asyncir.Range{File: path, Start: asyncir.MakePos(line, 1, 0), End: asyncir.MakePos(line, 1, 0)}
	read := j.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	src, err := read(abs)
	if err != nil {
		return r
	}
	starts := srcpos.LineStarts(src)
	if line < 1 || line > len(starts) {
		return r
	}
	text := srcpos.Line(src, starts, line-1)
	trimmed := strings.TrimRight(string(text), " \t")
	indent := len(trimmed) - len(strings.TrimLeft(trimmed, " \t"))
	r.Start = asyncir.MakePos(line, indent+1, starts[line-1]+indent)
	r.End = asyncir.MakePos(line, len(trimmed)+1, starts[line-1]+len(trimmed))
	return r
}
