package gofront

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// analyzeInOrder runs analyzers on roots, and on the roots' dependencies
// as far as facts require, with checker.Analyze's passes and facts
// (inherited from each import as checker inherits them), but one package
// at a time, dependencies first. checker.Analyze starts every package at
// once and holds every package's syntax, type information and results
// until the whole graph is done: on nats-server's server package with
// its tests (430k lines) that passed 1 GiB. Here a package's syntax, type
// information and results are let go as soon as it is done, a result as
// soon as its last consumer has run, and its facts once its last
// importer has inherited them. The packages are visited smallest first,
// dependencies before them, so the largest goes last, when the others
// have been let go.
//
// report receives the result or error of each analyzer on each root.
func analyzeInOrder(analyzers []*analysis.Analyzer, roots []*packages.Package, report func(*analysis.Analyzer, *packages.Package, any, error)) {
	order := packageOrder(roots)
	needs := neededAnalyzers(analyzers, roots, order)
	importers := map[*packages.Package]int{}
	for _, p := range order {
		for _, q := range p.Imports {
			importers[q]++
		}
	}
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	done := map[*packages.Package]*analyzed{}
	for _, p := range order {
		d := analyzePackage(p, needs[p], done)
		if isRoot[p] {
			for _, a := range analyzers {
				report(a, p, d.results[a], d.errs[a])
			}
		}
		d.results = nil
		if importers[p] > 0 {
			done[p] = d
		}
		for _, q := range p.Imports {
			if importers[q]--; importers[q] == 0 {
				delete(done, q)
			}
		}
		// Its importers need only its types and facts.
		p.Syntax, p.TypesInfo = nil, nil
	}
}

// analyzed is what one package's analysis leaves for its importers (facts
// and which analyses failed) and, until reported, for the caller.
type analyzed struct {
	facts   map[*analysis.Analyzer]*factSet
	errs    map[*analysis.Analyzer]error
	results map[*analysis.Analyzer]any
}

// packageOrder lists the packages reachable from roots through imports,
// each after its imports; roots and imports are taken smallest first.
func packageOrder(roots []*packages.Package) []*packages.Package {
	size := func(p *packages.Package) int {
		n := 0
		for _, f := range p.Syntax {
			n += int(f.FileEnd - f.FileStart)
		}
		return n
	}
	bySize := func(ps []*packages.Package) []*packages.Package {
		return slices.SortedStableFunc(slices.Values(ps), func(a, b *packages.Package) int {
			return cmp.Or(cmp.Compare(size(a), size(b)), cmp.Compare(a.ID, b.ID))
		})
	}
	var order []*packages.Package
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		var imps []*packages.Package
		for _, q := range p.Imports {
			imps = append(imps, q)
		}
		for _, q := range bySize(imps) {
			visit(q)
		}
		order = append(order, p)
	}
	for _, p := range bySize(roots) {
		visit(p)
	}
	return order
}

// neededAnalyzers says which analyzers run on each package, as checker
// builds its graph: on a root, analyzers and what they require; on an
// import, each analyzer with facts that runs on an importer, and what it
// requires.
func neededAnalyzers(analyzers []*analysis.Analyzer, roots, order []*packages.Package) map[*packages.Package][]*analysis.Analyzer {
	needs := map[*packages.Package][]*analysis.Analyzer{}
	for _, p := range roots {
		needs[p] = withRequired(needs[p], analyzers...)
	}
	// Importers come before their imports in reverse order.
	for _, p := range slices.Backward(order) {
		for _, a := range needs[p] {
			if len(a.FactTypes) == 0 {
				continue
			}
			for _, q := range p.Imports {
				needs[q] = withRequired(needs[q], a)
			}
		}
	}
	return needs
}

// withRequired adds as and what they require to list, each after what it
// requires.
func withRequired(list []*analysis.Analyzer, as ...*analysis.Analyzer) []*analysis.Analyzer {
	for _, a := range as {
		if slices.Contains(list, a) {
			continue
		}
		list = withRequired(list, a.Requires...)
		list = append(list, a)
	}
	return list
}

// analyzePackage runs each of list (ordered so that an analyzer follows
// what it requires) on p. An input is dropped once its last consumer in
// list has run.
func analyzePackage(p *packages.Package, list []*analysis.Analyzer, done map[*packages.Package]*analyzed) *analyzed {
	d := &analyzed{
		facts:   map[*analysis.Analyzer]*factSet{},
		errs:    map[*analysis.Analyzer]error{},
		results: map[*analysis.Analyzer]any{},
	}
	consumers := map[*analysis.Analyzer]int{}
	for _, a := range list {
		for _, r := range a.Requires {
			consumers[r]++
		}
	}
	module := &analysis.Module{} // possibly empty (non nil), as checker passes it
	if p.Module != nil {
		module = analysisModule(p.Module)
	}
	for _, a := range list {
		facts := inheritedFacts(a, p, done)
		if err := failedPrerequisites(a, p, d, done); err != nil {
			d.errs[a] = err
		} else {
			d.results[a], d.errs[a] = runPass(a, p, module, facts, d.results)
		}
		if len(a.FactTypes) > 0 {
			d.facts[a] = facts
		}
		for _, r := range a.Requires {
			if consumers[r]--; consumers[r] == 0 {
				delete(d.results, r)
			}
		}
	}
	return d
}

// failedPrerequisites is checker's error for an analysis whose required
// analyses (on p, or with facts on its imports) failed.
func failedPrerequisites(a *analysis.Analyzer, p *packages.Package, d *analyzed, done map[*packages.Package]*analyzed) error {
	var failed []string
	for _, r := range a.Requires {
		if d.errs[r] != nil {
			failed = append(failed, r.Name+"@"+p.ID)
		}
	}
	if len(a.FactTypes) > 0 {
		for _, q := range p.Imports {
			if done[q].errs[a] != nil {
				failed = append(failed, a.Name+"@"+q.ID)
			}
		}
	}
	if failed == nil {
		return nil
	}
	sort.Strings(failed)
	return fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))
}

func runPass(a *analysis.Analyzer, p *packages.Package, module *analysis.Module, facts *factSet, results map[*analysis.Analyzer]any) (any, error) {
	if p.IllTyped && !a.RunDespiteErrors {
		return nil, fmt.Errorf("analysis skipped due to errors in package")
	}
	inputs := map[*analysis.Analyzer]any{}
	for _, r := range a.Requires {
		inputs[r] = results[r]
	}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              p.Fset,
		Files:             p.Syntax,
		OtherFiles:        p.OtherFiles,
		IgnoredFiles:      p.IgnoredFiles,
		Pkg:               p.Types,
		TypesInfo:         p.TypesInfo,
		TypesSizes:        p.TypesSizes,
		TypeErrors:        p.TypeErrors,
		Module:            module,
		ResultOf:          inputs,
		Report:            func(analysis.Diagnostic) {}, // the results carry them
		ImportObjectFact:  facts.importObject,
		ExportObjectFact:  facts.exportObject,
		ImportPackageFact: facts.importPackage,
		ExportPackageFact: facts.exportPackage,
		AllObjectFacts:    facts.allObjects,
		AllPackageFacts:   facts.allPackages,
	}
	pass.ReadFile = func(name string) ([]byte, error) {
		if !readable(pass, name) {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", name)
		}
		return os.ReadFile(name)
	}
	defer func() { pass.ExportObjectFact, pass.ExportPackageFact = nil, nil }()
	return a.Run(pass)
}

// readable is checker's policy for Pass.ReadFile: the package's own files.
func readable(pass *analysis.Pass, name string) bool {
	if slices.Contains(pass.OtherFiles, name) || slices.Contains(pass.IgnoredFiles, name) {
		return true
	}
	return slices.ContainsFunc(pass.Files, func(f *ast.File) bool { return pass.Fset.File(f.FileStart).Name() == name })
}

func analysisModule(m *packages.Module) *analysis.Module {
	if m == nil {
		return nil
	}
	var err *analysis.ModuleError
	if m.Error != nil {
		err = &analysis.ModuleError{Err: m.Error.Err}
	}
	return &analysis.Module{
		Path: m.Path, Version: m.Version, Replace: analysisModule(m.Replace), Time: m.Time, Main: m.Main,
		Indirect: m.Indirect, Dir: m.Dir, GoMod: m.GoMod, GoVersion: m.GoVersion, Error: err,
	}
}

// factSet holds one analyzer's facts on one package: those inherited from
// its imports, and those it exported.
type factSet struct {
	pkg      *types.Package
	objects  map[objectFactKey]analysis.Fact
	packages map[packageFactKey]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

type packageFactKey struct {
	pkg *types.Package
	typ reflect.Type
}

// inheritedFacts gathers a's facts from p's imports as checker does: in
// import path order, keeping of each import's object facts those about
// objects an importer can see.
func inheritedFacts(a *analysis.Analyzer, p *packages.Package, done map[*packages.Package]*analyzed) *factSet {
	fs := &factSet{pkg: p.Types, objects: map[objectFactKey]analysis.Fact{}, packages: map[packageFactKey]analysis.Fact{}}
	if len(a.FactTypes) == 0 {
		return fs
	}
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		q := p.Imports[path]
		from := done[q].facts[a]
		for k, f := range from.objects {
			if exportedFrom(k.obj, q.Types) {
				fs.objects[k] = f
			}
		}
		maps.Copy(fs.packages, from.packages)
	}
	return fs
}

// exportedFrom is checker's test of whether obj may be visible to a
// package that imports pkg.
func exportedFrom(obj types.Object, pkg *types.Package) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Exported() && obj.Pkg() == pkg || obj.Signature().Recv() != nil
	case *types.Var:
		return obj.IsField() || obj.Pkg() == pkg
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

func (fs *factSet) importObject(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil {
		panic("nil object")
	}
	if v, ok := fs.objects[objectFactKey{obj, reflect.TypeOf(ptr)}]; ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
		return true
	}
	return false
}

func (fs *factSet) exportObject(obj types.Object, fact analysis.Fact) {
	if obj.Pkg() != fs.pkg {
		panic(fmt.Sprintf("Fact.Set(%s, %T): can't set facts on objects belonging another package", obj, fact))
	}
	fs.objects[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
}

func (fs *factSet) importPackage(pkg *types.Package, ptr analysis.Fact) bool {
	if pkg == nil {
		panic("nil package")
	}
	if v, ok := fs.packages[packageFactKey{pkg, reflect.TypeOf(ptr)}]; ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
		return true
	}
	return false
}

func (fs *factSet) exportPackage(fact analysis.Fact) {
	fs.packages[packageFactKey{fs.pkg, reflect.TypeOf(fact)}] = fact
}

func (fs *factSet) allObjects() []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for k, f := range fs.objects {
		out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
	}
	return out
}

func (fs *factSet) allPackages() []analysis.PackageFact {
	var out []analysis.PackageFact
	for k, f := range fs.packages {
		out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
	}
	return out
}
