package gofront

import (
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Check loads the Go packages matching patterns (go list syntax, relative
// to dir) and returns what the analyzers report on them, sorted, with
// //asynclint:ignore suppressions applied and cfg's select/ignore honoured.
// Ranges use absolute file names. A package that does not build is not
// analysed (its diagnostics would be guesses): problems says which and
// why, one line each, and the other packages are checked. err is a load
// that failed as a whole, or an analysis that failed.
func Check(dir string, patterns []string, analyzers []*asyncir.Analyzer, cfg *asyncir.Config) ([]asyncir.Diagnostic, []Problem, error) {
	defer boundHeap()()
	// Test files too, as go vet sees them. Only the packages checked are
	// read from source; their dependencies' types come from export data
	// (the build cache, as go vet reads them), so a large module's whole
	// dependency graph is never held as syntax at once.
	const mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
		packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
		packages.NeedModule | packages.NeedForTest
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: dir, Tests: true}, patterns...)
	if err != nil {
		return nil, nil, err
	}
	pkgs, problems := withoutUnbuildable(vetted(pkgs))
	sourceOnly(pkgs)
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
	ir := newIR(irOptions{
		only: func(pass *analysis.Pass) bool {
			return roots[pass.Pkg.Path()] || (pass.Module != nil && modules[pass.Module.Path])
		},
		releaseTypes: true,
	})
	adapted := analyzersWith(analyzers, cfg, ir, nil)
	if len(adapted) == 0 {
		return nil, problems, nil
	}
	if err := analysis.Validate(adapted); err != nil {
		return nil, problems, err
	}
	type action struct {
		a   *analysis.Analyzer
		pkg *packages.Package
	}
	type outcome struct {
		diags []asyncir.Diagnostic
		err   error
	}
	outcomes := map[action]outcome{}
	analyzeInOrder(adapted, pkgs, func(a *analysis.Analyzer, p *packages.Package, result any, err error) {
		ds, _ := result.([]asyncir.Diagnostic)
		outcomes[action{a, p}] = outcome{ds, err}
	})
	// In checker's order of root actions (analyzers, then packages): the
	// sort below is stable.
	var out []asyncir.Diagnostic
	var errs []error
	for _, a := range adapted {
		for _, p := range pkgs {
			o := outcomes[action{a, p}]
			if o.err != nil {
				errs = append(errs, fmt.Errorf("%s@%s: %v", a.Name, p.ID, o.err))
				continue
			}
			out = append(out, o.diags...)
		}
	}
	asyncir.SortDiagnostics(out)
	return out, problems, errors.Join(errs...)
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

// sourceOnly cuts each loaded package's imports down to the packages read
// from source, so the analyses run on those alone: a dependency read from
// export data has no syntax to analyse (what its facts would say of
// functions that never return, the model tables say for the standard
// library).
func sourceOnly(pkgs []*packages.Package) {
	loaded := map[*packages.Package]bool{}
	for _, p := range pkgs {
		loaded[p] = true
	}
	for _, p := range pkgs {
		for path, imp := range p.Imports {
			if !loaded[imp] {
				delete(p.Imports, path)
			}
		}
	}
}

// checkHeapLimit is the soft heap limit Check runs under: the collector
// works harder as the heap nears it, so a large module's transient SSA
// does not double the process's memory (GOGC's default headroom) past
// 1 GiB.
const checkHeapLimit = 700 << 20

// boundHeap sets checkHeapLimit unless the user set a limit
// (GOMEMLIMIT), and returns the function that restores the previous one.
func boundHeap() func() {
	prev := debug.SetMemoryLimit(-1)
	if prev != math.MaxInt64 {
		return func() {}
	}
	debug.SetMemoryLimit(checkHeapLimit)
	return func() { debug.SetMemoryLimit(prev) }
}
