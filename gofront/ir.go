package gofront

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// IR lowers one package to asyncir. Its result is a *Result; its facts
// carry what callers in other packages need to know about a function.
var IR = newIR(irOptions{})

// irOptions are what Check, which knows every analysis it runs, asks of
// the IR analyzer beyond what a go/analysis host may.
type irOptions struct {
	// only (when non-nil) limits lowering to the packages it accepts;
	// the others (dependencies outside the user's module) export only
	// the facts their syntax gives.
	only func(*analysis.Pass) bool
	// releaseTypes: the IR is the last analysis to read the package's
	// type information, so once SSA is built from it, all but Defs may
	// go (see releaseTypes).
	releaseTypes bool
}

// newIR builds the IR analyzer.
func newIR(opts irOptions) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "asyncir",
		Doc:        "lower a Go package to asynclint's async IR",
		URL:        "https://asynclint.dev/gofront",
		Run:        func(pass *analysis.Pass) (any, error) { return runIR(pass, opts) },
		Requires:   []*analysis.Analyzer{noReturn},
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(futureFact), new(foreverFact), new(lockFact)},
	}
}

// Result is one package's IR.
type Result struct {
	Program *asyncir.Program
	// Module is nil when the package has no construct any rule looks at
	// (no go statement, channel, select, context, WaitGroup...).
	Module *asyncir.Module
	files  map[string]*token.File
}

// Pos converts an IR position back to the file set's.
func (r *Result) Pos(file string, p asyncir.Pos) token.Pos {
	tf := r.files[file]
	if tf == nil || p.Offset < 0 || int(p.Offset) > tf.Size() {
		return token.NoPos
	}
	return tf.Pos(int(p.Offset))
}

func runIR(pass *analysis.Pass, opts irOptions) (res any, err error) {
	// A frontend bug must not take down a whole vet run, but it must be
	// seen: it becomes this package's analysis error.
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("gofront: lowering %s: %v", pass.Pkg.Path(), r)
		}
	}()
	out := &Result{files: map[string]*token.File{}}
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.FileStart); tf != nil {
			out.files[tf.Name()] = tf
		}
	}
	if (opts.only != nil && !opts.only(pass)) || !relevant(pass) {
		exportForeverSyntax(pass)
		out.Program = asyncir.NewProgram(nil, asyncir.GoModels())
		return out, nil
	}
	pkg, funcs := buildSSA(pass)
	if opts.releaseTypes {
		releaseTypes(pass.TypesInfo)
	}
	l := newLowerer(pass, pkg, funcs)
	m := l.lower()
	out.Module = m
	out.Program = asyncir.NewProgram([]*asyncir.Module{m}, l.models)
	return out, nil
}

// relevant is the fast path: a package none of whose files starts a
// goroutine, uses a channel or select, or imports a package of
// cancellation or wait groups has nothing for any rule.
func relevant(pass *analysis.Pass) bool {
	for _, p := range pass.Pkg.Imports() {
		switch p.Path() {
		case "context", "sync", "net/http", "golang.org/x/sync/errgroup":
			return true
		}
	}
	found := false
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt, *ast.ChanType, *ast.SendStmt, *ast.SelectStmt:
				found = true
			case *ast.UnaryExpr:
				found = found || n.Op == token.ARROW
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// releaseTypes drops the maps of info that SSA was built from and that
// nothing reads once it is built (SSA lets go of info when built; a
// generic function keeps it only to build instances, which
// ssa.BuilderMode(0) builds as wrappers, without syntax). Defs stays:
// buildSSA and the syntactic CFGs read it. On nats-server's server package
// with its tests the maps hold about 190 MB while the package is lowered.
func releaseTypes(info *types.Info) {
	info.Types, info.Instances, info.Uses, info.Implicits, info.Selections, info.Scopes = nil, nil, nil, nil, nil, nil
}

// buildSSA builds the package as buildssa does, using the no-return
// facts so that a path through os.Exit or log.Fatal ends there.
func buildSSA(pass *analysis.Pass) (*ssa.Package, []*ssa.Function) {
	cfgs := pass.ResultOf[noReturn].(*declCFGs)
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	// The dependencies' own facts say which of their functions never
	// return when they were analysed from source; the model table says
	// it for the standard library's when they were read from export data.
	models := asyncir.GoModels()
	prog.SetNoReturn(func(fn *types.Func) bool {
		if cfgs.NoReturn(fn) {
			return true
		}
		m := models.API(funcName(fn))
		return m != nil && m.Exits
	})
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			d, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[d.Name].(*types.Func)
			if obj == nil {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	return pkg, funcs
}
