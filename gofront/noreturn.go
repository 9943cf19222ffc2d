package gofront

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// noReturn finds the functions that never return, and the CFGs of the
// named ones, as ctrlflow does (the same CFGs, the same induction over
// the static call graph in the same order, the same base cases, facts
// across packages): what the IR takes from ctrlflow. ctrlflow finds the
// functions through an inspector of the whole package: on nats-server's
// server package with its tests that inspector is 146 MB, grown in steps
// (another 117 MB at the last), the peak of a whole check. Here the
// functions are found by walking the files, and the literals' CFGs are
// dropped once built. TestNoReturnAsCtrlflow holds the two to the same
// answers.
var noReturn = &analysis.Analyzer{
	Name:       "noreturn",
	Doc:        "find the functions that never return, as ctrlflow does",
	URL:        "https://asynclint.dev/gofront",
	Run:        runNoReturn,
	ResultType: reflect.TypeFor[*declCFGs](),
	FactTypes:  []analysis.Fact{new(noReturnFact)},
}

// declCFGs holds the functions (of the package, and the imported ones it
// calls) that never return, and the CFGs of the package's named
// functions.
type declCFGs struct {
	noReturn map[*types.Func]bool
	cfgs     map[*ast.FuncDecl]*cfg.CFG
}

// NoReturn reports whether fn never returns.
func (c *declCFGs) NoReturn(fn *types.Func) bool { return c.noReturn[fn] }

// FuncDecl is the CFG of a named function of the package, nil when it has
// no body or never returns intrinsically.
func (c *declCFGs) FuncDecl(d *ast.FuncDecl) *cfg.CFG { return c.cfgs[d] }

// noReturnFact marks a function that never returns.
type noReturnFact struct{}

func (*noReturnFact) AFact()         {}
func (*noReturnFact) String() string { return "noReturn" }

type noReturnSearch struct {
	*declCFGs
	pass    *analysis.Pass
	decls   map[*types.Func]*ast.FuncDecl
	started map[*types.Func]bool
}

func runNoReturn(pass *analysis.Pass) (any, error) {
	s := &noReturnSearch{
		declCFGs: &declCFGs{noReturn: map[*types.Func]bool{}, cfgs: map[*ast.FuncDecl]*cfg.CFG{}},
		pass:     pass, decls: map[*types.Func]*ast.FuncDecl{}, started: map[*types.Func]bool{},
	}
	// Declarations first, in the order of the files (cycles in the call
	// graph are broken by it); then literals, whose CFGs may meet
	// imported functions that never return.
	var order []*types.Func
	var lits []*ast.FuncLit
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
					s.decls[fn] = n
					order = append(order, fn)
				}
			case *ast.FuncLit:
				lits = append(lits, n)
			}
			return true
		})
	}
	for _, fn := range order {
		s.decl(fn)
	}
	for _, lit := range lits {
		cfg.New(lit.Body, s.callMayReturn)
	}
	return s.declCFGs, nil
}

// decl settles whether fn, declared in the package, never returns.
func (s *noReturnSearch) decl(fn *types.Func) {
	if s.started[fn] {
		return // a cycle
	}
	s.started[fn] = true
	never, known := intrinsicNoReturn(fn)
	if d := s.decls[fn]; !known && d.Body != nil {
		g := cfg.New(d.Body, s.callMayReturn)
		s.cfgs[d] = g
		never = g.NoReturn()
	}
	if never {
		s.pass.ExportObjectFact(fn, new(noReturnFact))
		s.noReturn[fn] = true
	}
}

var panicBuiltin = types.Universe.Lookup("panic").(*types.Builtin)

func (s *noReturnSearch) callMayReturn(call *ast.CallExpr) bool {
	if id, ok := call.Fun.(*ast.Ident); ok && s.pass.TypesInfo.Uses[id] == panicBuiltin {
		return false
	}
	fn := typeutil.StaticCallee(s.pass.TypesInfo, call)
	if fn == nil {
		return true
	}
	if _, ok := s.decls[fn]; ok {
		s.decl(fn)
		return !s.noReturn[fn]
	}
	if s.pass.ImportObjectFact(fn, new(noReturnFact)) {
		s.noReturn[fn] = true
		return false
	}
	return true
}

// intrinsicNoReturn is ctrlflow's base case: functions that stop the
// calling thread whatever their bodies say (and loggers whose Fatal it
// cannot see through), and intrinsics that return although their bodies
// do not.
func intrinsicNoReturn(fn *types.Func) (never, known bool) {
	switch {
	case isFunc(fn, "syscall", "Exit", "ExitProcess", "ExitThread"),
		isFunc(fn, "runtime", "Goexit", "fatalthrow", "fatalpanic", "exit"),
		isMethod(fn, "go.uber.org/zap", "Logger", "Fatal", "Panic"),
		isMethod(fn, "go.uber.org/zap", "SugaredLogger", "Fatal", "Fatalw", "Fatalf", "Panic", "Panicw", "Panicf"),
		isMethod(fn, "github.com/sirupsen/logrus", "Logger", "Exit", "Panic", "Panicf", "Panicln"),
		isMethod(fn, "github.com/sirupsen/logrus", "Entry", "Panicf", "Panicln"),
		isFunc(fn, "k8s.io/klog", "Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln"),
		isFunc(fn, "k8s.io/klog/v2", "Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln"):
		return true, true
	case isFunc(fn, "internal/abi", "EscapeNonString"), isFunc(fn, "hash/maphash", "Comparable"):
		return false, true
	}
	return false, false
}

// isFunc reports whether fn is a package-level function of pkg named one
// of names.
func isFunc(fn *types.Func, pkg string, names ...string) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Signature().Recv() == nil && slices.Contains(names, fn.Name())
}

// isMethod reports whether fn is a method of pkg's type typ (or *typ)
// named one of names.
func isMethod(fn *types.Func, pkg, typ string, names ...string) bool {
	recv := fn.Signature().Recv()
	if fn.Pkg() == nil || fn.Pkg().Path() != pkg || recv == nil || !slices.Contains(names, fn.Name()) {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == typ
}
