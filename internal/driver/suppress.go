package driver

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
)

// lineKey is one line of one file.
type lineKey struct {
	file string
	line int
}

// suppressor applies the suppressions of a program and remembers which
// ones silenced something, so filter can run more than once (on the call
// sites, then on the roots the policy merged them into) before unused.
type suppressor struct {
	prog        *asyncir.Program
	cfg         *config.Config
	byLine      map[lineKey][]*asyncir.Suppression
	used        map[*asyncir.Suppression]map[string]bool
	fileIgnores map[string][]string
}

func newSuppressor(prog *asyncir.Program, cfg *config.Config) *suppressor {
	s := &suppressor{prog: prog, cfg: cfg, byLine: map[lineKey][]*asyncir.Suppression{},
		used: map[*asyncir.Suppression]map[string]bool{}, fileIgnores: map[string][]string{}}
	for _, m := range prog.Modules {
		for i := range m.Suppressions {
			sup := &m.Suppressions[i]
			k := lineKey{m.Path, sup.Line}
			s.byLine[k] = append(s.byLine[k], sup)
			s.used[sup] = map[string]bool{}
		}
	}
	return s
}

// filter drops the silenced diagnostics.
func (s *suppressor) filter(diags []asyncir.Diagnostic) []asyncir.Diagnostic {
	// In place: most findings are kept, and a copy of tens of thousands
	// of findings is megabytes; the callers own diags (Present).
	out := diags[:0]
	for _, d := range diags {
		ign, ok := s.fileIgnores[d.Range.File]
		if !ok {
			ign = s.cfg.IgnoredFor(d.Range.File)
			s.fileIgnores[d.Range.File] = ign
		}
		if matchesAny(ign, d.Code) {
			continue
		}
		silenced := false
		for _, sup := range s.byLine[lineKey{d.Range.File, int(d.Range.Start.Line)}] {
			if !sup.Bare && matchesAny(sup.Codes, d.Code) {
				s.used[sup][d.Code] = true
				silenced = true
			}
		}
		if !silenced {
			out = append(out, d)
		}
	}
	return out
}

// unused reports AL002 for each code of a suppression that silenced
// nothing.
func (s *suppressor) unused(acfg *asyncir.Config) []asyncir.Diagnostic {
	if !acfg.Enabled("AL002") {
		return nil
	}
	var out []asyncir.Diagnostic
	for _, m := range s.prog.Modules {
		for i := range m.Suppressions {
			sup := &m.Suppressions[i]
			if sup.Malformed != "" {
				out = append(out, unusedSuppression(sup, "malformed suppression comment, it silences nothing: "+sup.Malformed))
				continue
			}
			for _, c := range sup.Codes {
				if strings.HasPrefix(c, "AL") && !KnownCode(c) {
					out = append(out, unusedSuppression(sup, fmt.Sprintf("suppression of %s, which is not the code or prefix of any asynclint rule", c)))
					continue
				}
				if !strings.HasPrefix(c, "AL") || s.used[sup][c] || !acfg.Enabled(c) || matchesAny(s.cfg.IgnoredFor(m.Path), c) {
					continue
				}
				if hit := anyUsedPrefix(s.used[sup], c); hit {
					continue
				}
				out = append(out, asyncir.Diagnostic{Code: "AL002", Analyzer: "core", Severity: asyncir.SeverityWarning,
					Range: sup.Range, URL: Core.URL + "#al002",
					Message: fmt.Sprintf("suppression of %s matches no diagnostic on this line", c)})
			}
		}
	}
	return out
}

func unusedSuppression(s *asyncir.Suppression, msg string) asyncir.Diagnostic {
	return asyncir.Diagnostic{Code: "AL002", Analyzer: "core", Severity: asyncir.SeverityWarning,
		Range: s.Range, URL: Core.URL + "#al002", Message: msg}
}

func matchesAny(prefixes []string, code string) bool {
	for _, p := range prefixes {
		if p == "ALL" || strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

func anyUsedPrefix(used map[string]bool, prefix string) bool {
	for c := range used {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}
