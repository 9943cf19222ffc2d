package gofront

import (
	"errors"
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Check loads the Go packages matching patterns (go list syntax, relative
// to dir) and returns what the analyzers report on them, sorted, with
// //asynclint:ignore suppressions applied and cfg's select/ignore honoured.
// Ranges use absolute file names. A package that does not load or
// type-check is an error: its diagnostics would be guesses.
func Check(dir string, patterns []string, analyzers []*asyncir.Analyzer, cfg *asyncir.Config) ([]asyncir.Diagnostic, error) {
	// Test files too, as go vet sees them.
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule | packages.NeedForTest, Dir: dir, Tests: true}, patterns...)
	if err != nil {
		return nil, err
	}
	pkgs = vetted(pkgs)
	// Lower the packages of the modules being checked; their
	// dependencies elsewhere (the standard library, other modules) only
	// pass on the facts their syntax gives.
	modules := map[string]bool{}
	roots := map[string]bool{}
	for _, p := range pkgs {
		roots[p.PkgPath] = true
		if p.Module != nil {
			modules[p.Module.Path] = true
		}
	}
	ir := newIR(func(pass *analysis.Pass) bool {
		return roots[pass.Pkg.Path()] || (pass.Module != nil && modules[pass.Module.Path])
	})
	adapted := analyzersWith(analyzers, cfg, ir)
	if len(adapted) == 0 {
		return nil, nil
	}
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, fmt.Errorf("%s", e))
		}
	})
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	graph, err := checker.Analyze(adapted, pkgs, nil)
	if err != nil {
		return nil, err
	}
	var out []asyncir.Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", act, act.Err))
			continue
		}
		ds, _ := act.Result.([]asyncir.Diagnostic)
		out = append(out, ds...)
	}
	asyncir.SortDiagnostics(out)
	return out, errors.Join(errs...)
}

// vetted keeps the packages go vet analyses when tests are loaded: a
// package's test variant (its files and its _test.go files) instead of the
// package itself, the external test package, and no generated test main.
func vetted(pkgs []*packages.Package) []*packages.Package {
	tested := map[string]bool{}
	for _, p := range pkgs {
		if p.ForTest != "" && p.PkgPath == p.ForTest {
			tested[p.PkgPath] = true
		}
	}
	var out []*packages.Package
	for _, p := range pkgs {
		switch {
		case strings.HasSuffix(p.ID, ".test") && p.Name == "main":
		case p.ForTest == "" && tested[p.PkgPath]:
		default:
			out = append(out, p)
		}
	}
	return out
}
