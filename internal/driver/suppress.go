package driver

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
)

// Suppress drops diagnostics silenced by inline comments or
// per-file-ignores, and reports AL002 for asynclint codes in suppression
// comments that silenced nothing.
func Suppress(diags []asyncir.Diagnostic, prog *asyncir.Program, cfg *config.Config, acfg *asyncir.Config) []asyncir.Diagnostic {
	type key struct {
		file string
		line int
	}
	byLine := map[key][]*asyncir.Suppression{}
	used := map[*asyncir.Suppression]map[string]bool{}
	for _, m := range prog.Modules {
		for i := range m.Suppressions {
			s := &m.Suppressions[i]
			byLine[key{m.Path, s.Line}] = append(byLine[key{m.Path, s.Line}], s)
			used[s] = map[string]bool{}
		}
	}
	fileIgnores := map[string][]string{}
	var out []asyncir.Diagnostic
	for _, d := range diags {
		ign, ok := fileIgnores[d.Range.File]
		if !ok {
			ign = cfg.IgnoredFor(d.Range.File)
			fileIgnores[d.Range.File] = ign
		}
		if matchesAny(ign, d.Code) {
			continue
		}
		silenced := false
		for _, s := range byLine[key{d.Range.File, d.Range.Start.Line}] {
			if !s.Bare && matchesAny(s.Codes, d.Code) {
				used[s][d.Code] = true
				silenced = true
			}
		}
		if !silenced {
			out = append(out, d)
		}
	}
	if !acfg.Enabled("AL002") {
		return out
	}
	for _, m := range prog.Modules {
		for i := range m.Suppressions {
			s := &m.Suppressions[i]
			if s.Malformed != "" {
				out = append(out, unusedSuppression(s, "malformed suppression comment, it silences nothing: "+s.Malformed))
				continue
			}
			for _, c := range s.Codes {
				if strings.HasPrefix(c, "AL") && !KnownCode(c) {
					out = append(out, unusedSuppression(s, fmt.Sprintf("suppression of %s, which is not the code or prefix of any asynclint rule", c)))
					continue
				}
				if !strings.HasPrefix(c, "AL") || used[s][c] || !acfg.Enabled(c) || matchesAny(cfg.IgnoredFor(m.Path), c) {
					continue
				}
				if hit := anyUsedPrefix(used[s], c); hit {
					continue
				}
				out = append(out, asyncir.Diagnostic{Code: "AL002", Analyzer: "core", Severity: asyncir.SeverityWarning,
					Range: s.Range, URL: Core.URL + "#al002",
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
