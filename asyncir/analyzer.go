package asyncir

import (
	"fmt"
	"regexp"
	"strings"
)

// Analyzer is one family of rules over the IR. Field names follow
// golang.org/x/tools/go/analysis.Analyzer; gofront adapts it to one.
type Analyzer struct {
	Name string
	Doc  string // the family's doc.go text, see ParseDoc
	URL  string
	// Rules are the codes this analyzer reports, in code order.
	Rules []*Rule
	// Languages the analyzer has rules for.
	Languages []Language
	// Run reports the diagnostics of one module. It must not mutate the IR.
	Run func(*Pass) error
	// Requires, ResultType and FactTypes mirror go/analysis; asynclint's
	// analyzers share data through Program summaries instead and leave them
	// empty.
	Requires   []*Analyzer
	ResultType any
	FactTypes  []any
}

// Pass is the interface between one analyzer and one module.
type Pass struct {
	Analyzer *Analyzer
	Program  *Program
	Module   *Module
	Config   *Config
	report   func(Diagnostic)
	// urls are the documentation addresses of the codes reported so far
	// (ruleURL): a large module has tens of thousands of findings of a
	// few codes.
	urls []codeURL
}

type codeURL struct{ code, url string }

// NewPass is used by drivers.
func NewPass(a *Analyzer, prog *Program, m *Module, cfg *Config, report func(Diagnostic)) *Pass {
	return &Pass{Analyzer: a, Program: prog, Module: m, Config: cfg, report: report}
}

// Report emits d, filling the analyzer name, the documentation URL and the
// rule's default severity (or its configured override).
func (p *Pass) Report(d Diagnostic) {
	if !p.Config.Enabled(d.Code) {
		return
	}
	d.Analyzer = p.Analyzer.Name
	if d.URL == "" {
		d.URL = p.ruleURL(d.Code)
	}
	p.report(d)
}

// ruleURL is the documentation address of code, made once per pass.
func (p *Pass) ruleURL(code string) string {
	for _, u := range p.urls {
		if u.code == code {
			return u.url
		}
	}
	url := p.Analyzer.URL + "#" + strings.ToLower(code)
	p.urls = append(p.urls, codeURL{code, url})
	return url
}

// Rule returns the analyzer's rule with the given code.
func (a *Analyzer) Rule(code string) *Rule {
	for _, r := range a.Rules {
		if r.Code == code {
			return r
		}
	}
	return nil
}

var analyzerNameRE = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// Validate checks a set of analyzers the way analysis.Validate does: names,
// docs, rule metadata, and that codes are unique across the set.
func Validate(as []*Analyzer) error {
	codes := map[string]string{}
	names := map[string]bool{}
	for _, a := range as {
		if !analyzerNameRE.MatchString(a.Name) {
			return fmt.Errorf("analyzer name %q is not a lower-case identifier", a.Name)
		}
		if names[a.Name] {
			return fmt.Errorf("duplicate analyzer %q", a.Name)
		}
		names[a.Name] = true
		if a.Run == nil {
			return fmt.Errorf("analyzer %q has no Run", a.Name)
		}
		if _, err := ParseDoc(a.Doc); err != nil {
			return fmt.Errorf("analyzer %q: %v", a.Name, err)
		}
		for _, r := range a.Rules {
			if err := ValidateRule(r); err != nil {
				return fmt.Errorf("analyzer %q: %v", a.Name, err)
			}
			if prev, ok := codes[r.Code]; ok {
				return fmt.Errorf("code %s used by both %q and %q", r.Code, prev, a.Name)
			}
			codes[r.Code] = a.Name
		}
	}
	return nil
}
