package driver

import (
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
)

// CheckModules analyses some modules of a linked program (an editor's
// session, after an edit) and returns their diagnostics as Run presents
// them: only what is reported in those modules' files, with their own
// suppressions applied. The interprocedural summaries still span the
// whole program.
func CheckModules(prog *asyncir.Program, mods []*asyncir.Module, cfg *config.Config) ([]asyncir.Diagnostic, error) {
	if cfg == nil {
		cfg = &config.Config{}
	}
	acfg := AnalyzerConfig(cfg, prog.Models)
	diags, err := analyzeModules(prog, mods, Analyzers(), acfg)
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, m := range mods {
		files[m.Path] = true
		diags = append(diags, syntaxDiagnostics(m, acfg)...)
	}
	out := diags[:0]
	for _, d := range diags {
		if files[d.Range.File] {
			out = append(out, d)
		}
	}
	return dedupe(Present(out, asyncir.NewProgram(mods, prog.Models), cfg, acfg)), nil
}
