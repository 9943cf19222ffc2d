package gofront

import (
	"reflect"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
)

// Adapt wraps an IR analyzer as a go/analysis analyzer that requires IR.
// cfg (nil for all codes) selects and ignores codes. The adapted
// analyzer's result is the []asyncir.Diagnostic it reported, suppressions
// applied; each is also passed to pass.Report, with the code as Category
// and at the end of the message, the way staticcheck shows its checks.
func Adapt(a *asyncir.Analyzer, cfg *asyncir.Config) *analysis.Analyzer {
	return adapt(a, cfg, IR, nil)
}

// Presenter is a driver's policy layer over what one analyzer found in
// one package: severities, findings merged by root cause, the minimum
// severity shown. prog is the package's program.
type Presenter func(prog *asyncir.Program, diags []asyncir.Diagnostic) []asyncir.Diagnostic

func adapt(a *asyncir.Analyzer, cfg *asyncir.Config, ir *analysis.Analyzer, present Presenter) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       a.Name,
		Doc:        analysisDoc(a),
		URL:        a.URL,
		Requires:   []*analysis.Analyzer{ir},
		ResultType: reflect.TypeFor[[]asyncir.Diagnostic](),
		Run:        func(pass *analysis.Pass) (any, error) { return runAdapted(a, cfg, pass, ir, present) },
	}
}

// Analyzers adapts every analyzer that has rules for Go.
func Analyzers(as []*asyncir.Analyzer, cfg *asyncir.Config) []*analysis.Analyzer {
	return analyzersWith(as, cfg, IR, nil)
}

// PresentedAnalyzers are Analyzers whose pass.Report receives what present
// makes of the findings, as go vet shows them; each analyzer's result is
// still every finding (suppressions applied).
func PresentedAnalyzers(as []*asyncir.Analyzer, cfg *asyncir.Config, present Presenter) []*analysis.Analyzer {
	return analyzersWith(as, cfg, IR, present)
}

func analyzersWith(as []*asyncir.Analyzer, cfg *asyncir.Config, ir *analysis.Analyzer, present Presenter) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range as {
		if slices.Contains(a.Languages, asyncir.Go) {
			out = append(out, adapt(a, cfg, ir, present))
		}
	}
	return out
}

// analysisDoc turns a family doc ("# Analyzer x", summary, sections) into
// go/analysis's form: the summary line first.
func analysisDoc(a *asyncir.Analyzer) string {
	fd, err := asyncir.ParseDoc(a.Doc)
	if err != nil {
		return a.Name
	}
	var b strings.Builder
	b.WriteString(fd.Summary)
	for _, r := range a.Rules {
		if r.Language == asyncir.Go {
			b.WriteString("\n\n" + r.Code + " " + r.Name + ": " + r.Summary)
		}
	}
	return b.String()
}

func runAdapted(a *asyncir.Analyzer, cfg *asyncir.Config, pass *analysis.Pass, ir *analysis.Analyzer, present Presenter) (any, error) {
	res := pass.ResultOf[ir].(*Result)
	if res.Module == nil {
		return []asyncir.Diagnostic(nil), nil
	}
	var out []asyncir.Diagnostic
	p := asyncir.NewPass(a, res.Program, res.Module, cfg, func(d asyncir.Diagnostic) {
		if !suppressed(d, res.Module.Suppressions) {
			out = append(out, d)
		}
	})
	if err := a.Run(p); err != nil {
		return nil, err
	}
	asyncir.SortDiagnostics(out)
	reported := out
	if present != nil {
		reported = present(res.Program, slices.Clone(out))
	}
	for _, d := range reported {
		pass.Report(toAnalysis(res, d))
	}
	return out, nil
}

func toAnalysis(res *Result, d asyncir.Diagnostic) analysis.Diagnostic {
	ad := analysis.Diagnostic{
		Pos:      res.Pos(d.Range.File, d.Range.Start),
		End:      res.Pos(d.Range.File, d.Range.End),
		Category: d.Code,
		Message:  d.Message + " (" + d.Code + ")",
		URL:      d.URL,
	}
	for _, r := range d.Related {
		ad.Related = append(ad.Related, analysis.RelatedInformation{
			Pos: res.Pos(r.Range.File, r.Range.Start), End: res.Pos(r.Range.File, r.Range.End), Message: r.Message,
		})
	}
	for _, f := range d.Fixes {
		sf := analysis.SuggestedFix{Message: f.Title}
		for _, e := range f.Edits {
			sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{
				Pos: res.Pos(e.Range.File, e.Range.Start), End: res.Pos(e.Range.File, e.Range.End), NewText: []byte(e.NewText),
			})
		}
		ad.SuggestedFixes = append(ad.SuggestedFixes, sf)
	}
	return ad
}
