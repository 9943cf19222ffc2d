package gofront

import (
	"go/ast"
	"go/types"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/packages"
)

// sameFact is the comparison's own fact type: an analyzer with facts runs
// on every dependency too.
type sameFact struct{}

func (*sameFact) AFact() {}

// TestNoReturnAsCtrlflow: the no-return search answers as ctrlflow does
// for every function a package declares or uses, and builds the same CFG
// for each named function, on packages that reach os.Exit, log.Fatal,
// testing's FailNow (runtime.Goexit, a base case), panics and recursion,
// and on everything they import, read from source so that the answers
// cross packages as facts, as under go vet.
func TestNoReturnAsCtrlflow(t *testing.T) {
	t.Setenv("GOFLAGS", "")
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, "log", "os/exec", "testing", "flag")
	if err != nil {
		t.Fatal(err)
	}
	never := 0
	compare := &analysis.Analyzer{
		Name:       "compare",
		Doc:        "compare noreturn with ctrlflow",
		Requires:   []*analysis.Analyzer{ctrlflow.Analyzer, noReturn},
		FactTypes:  []analysis.Fact{new(sameFact)},
		ResultType: reflect.TypeFor[bool](),
		Run: func(pass *analysis.Pass) (any, error) {
			want := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
			got := pass.ResultOf[noReturn].(*declCFGs)
			for _, objs := range []map[*ast.Ident]types.Object{pass.TypesInfo.Defs, pass.TypesInfo.Uses} {
				for id, obj := range objs {
					fn, ok := obj.(*types.Func)
					if !ok {
						continue
					}
					if got.NoReturn(fn) != want.NoReturn(fn) {
						t.Errorf("%s: %s: NoReturn %v, ctrlflow says %v", pass.Fset.Position(id.Pos()), fn, got.NoReturn(fn), want.NoReturn(fn))
					}
					if got.NoReturn(fn) && fn.Pkg() == pass.Pkg && objs[id] == pass.TypesInfo.Defs[id] {
						never++
					}
				}
			}
			for _, f := range pass.Files {
				for _, decl := range f.Decls {
					d, ok := decl.(*ast.FuncDecl)
					if !ok || d.Body == nil {
						continue
					}
					if _, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); !ok {
						continue
					}
					g, w := got.FuncDecl(d), want.FuncDecl(d)
					if (g == nil) != (w == nil) || g != nil && g.Format(pass.Fset) != w.Format(pass.Fset) {
						t.Errorf("%s: CFG of %s differs from ctrlflow's", pass.Fset.Position(d.Pos()), d.Name.Name)
					}
				}
			}
			return true, nil
		},
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{compare}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
	}
	if never < 20 {
		t.Errorf("%d declared functions never return, want at least 20 (os.Exit, log.Fatal, runtime.Goexit...)", never)
	}
	t.Logf("%d declared functions never return", never)
}
