package driver

import (
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
)

// CheckModules analyses some modules of a linked program (an editor's
// session, after an edit) and returns their diagnostics as Run presents
// them: only what is reported in those modules' files, joined by join
// when it is not nil (Options.Join), with their own suppressions applied.
// The interprocedural summaries still span the whole program.
func CheckModules(prog *asyncir.Program, mods []*asyncir.Module, cfg *config.Config, join func([]asyncir.Diagnostic, *asyncir.Config) []asyncir.Diagnostic) ([]asyncir.Diagnostic, error) {
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
	inFiles := func(diags []asyncir.Diagnostic) []asyncir.Diagnostic {
		return slices.DeleteFunc(diags, func(d asyncir.Diagnostic) bool { return !files[d.Range.File] })
	}
	diags = inFiles(diags)
	if join != nil {
		diags = inFiles(join(diags, acfg))
	}
	return dedupe(Present(diags, asyncir.NewProgram(mods, prog.Models), cfg, acfg)), nil
}
