package gofront

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers/all"
	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestAnalyzeInOrderAsChecker: package by package, analyzeInOrder finds
// what checker.Analyze finds on the same packages, facts crossing
// packages included (a future returned by another package, a lock taken
// in another package, a function of another package that runs forever),
// and lets go of each package's syntax once it is done.
func TestAnalyzeInOrderAsChecker(t *testing.T) {
	dir, err := filepath.Abs("../testdata/go")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(dir, "src"),
		Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "neverawaited/futureuse", "neverawaited/crosslock", "looppassing/ignorectx", "neverawaited/outcome")
	if err != nil {
		t.Fatal(err)
	}
	ir := newIR(irOptions{only: func(pass *analysis.Pass) bool { return strings.Contains(pass.Pkg.Path(), "/") }})
	adapted := analyzersWith(all.Analyzers(), nil, ir, nil)

	show := func(a *analysis.Analyzer, p *packages.Package, result any, err error) string {
		ds, _ := result.([]asyncir.Diagnostic)
		var lines []string
		for _, d := range ds {
			lines = append(lines, fmt.Sprintf("%s:%d: %s %s", filepath.Base(d.Range.File), d.Range.Start.Line, d.Code, d.Message))
		}
		return fmt.Sprintf("%s@%s: err=%v\n%s", a.Name, p.ID, err, strings.Join(lines, "\n"))
	}
	graph, err := checker.Analyze(adapted, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, act := range graph.Roots {
		want = append(want, show(act.Analyzer, act.Package, act.Result, act.Err))
	}
	var got []string
	analyzeInOrder(adapted, pkgs, func(a *analysis.Analyzer, p *packages.Package, result any, err error) {
		got = append(got, show(a, p, result, err))
	})
	slices.Sort(want)
	slices.Sort(got)
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("analyzeInOrder found\n%s\n\nchecker.Analyze found\n%s", g, w)
	}
	if n := strings.Count(strings.Join(want, "\n"), " AL"); n < 10 {
		t.Errorf("%d findings, want the cases' (at least 10)", n)
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Syntax != nil || p.TypesInfo != nil {
			t.Errorf("%s: syntax or type information kept after its analysis", p.ID)
		}
	})
}
