// Package driver runs the frontends and analyzers over a set of paths and
// returns sorted, suppressed diagnostics; check, lsp and verify use it.
package driver

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/asynclint/asynclint/analyzers/all"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/hugeheap"
	"github.com/asynclint/asynclint/internal/phase"
	"github.com/asynclint/asynclint/internal/policy"
	"github.com/asynclint/asynclint/pyfront"
)

// Options of one run.
type Options struct {
	Paths  []string
	Config *config.Config
	// Overlay maps a path to unsaved content (editors).
	Overlay map[string][]byte
	// Eager lowers every Python file (no fast path).
	Eager bool
	// ParseOnly parses every file and analyses nothing: the benchmark
	// baseline.
	ParseOnly bool
	// Join, when set, sees the analyzers' findings before suppressions
	// apply and returns them with findings of its own (trace joins the
	// runtime's events here, so `# noqa` and per-file-ignores cover
	// runtime-only findings too).
	Join func([]asyncir.Diagnostic, *asyncir.Config) []asyncir.Diagnostic
	// Trees, when set, keeps syntax trees between runs (the language
	// server re-parses only what changed).
	Trees *pyfront.TreeCache
	// Cache, when set, keeps results between runs (internal/cache): a run
	// over unchanged files replays them, and after an edit only the files
	// it can affect are checked again. It applies to Python-only runs
	// without Overlay, Eager, ParseOnly, Join or Trees; a run that uses it
	// has no Result.Program.
	Cache *cache.Cache
	// KeepSession returns the run's lowered and linked modules as a
	// pyfront.Session, which re-checks an edited module alone (editors).
	KeepSession bool
	// Strict makes a named path that does not exist or cannot be read,
	// and a named Go module or package that does not load, an error
	// rather than a warning (the command line; editors pass false).
	Strict bool
}

// Result of one run.
type Result struct {
	Diagnostics []asyncir.Diagnostic
	// Warnings are per-file problems (unreadable, binary, non-UTF-8); the
	// run went on without those files.
	Warnings []string
	// Errors are parts of a named input that could not be checked (a Go
	// package that does not build, with Options.Strict); the run went on
	// without them, and check fails.
	Errors  []string
	Files   int
	Lines   int
	Lowered int
	Elapsed time.Duration
	// Program is what was analysed (nil when the run used the cache).
	Program *asyncir.Program
	// Python is the interpreter whose installed packages were read ("" for
	// none); LibraryFiles counts the installed files read.
	Python       string
	LibraryFiles int
	// Cached counts the files (of Files) whose findings came from
	// Options.Cache unchanged.
	Cached int
	// Session holds the run's modules when Options.KeepSession was set.
	Session *pyfront.Session
}

// Analyzers are the families every run uses, plus the core codes.
func Analyzers() []*asyncir.Analyzer {
	return append([]*asyncir.Analyzer{Core}, all.Analyzers()...)
}

// Models returns the standard tables extended by the configuration.
func Models(cfg *config.Config) *asyncir.Models {
	m := asyncir.PythonModels()
	if cfg == nil {
		return m
	}
	for _, name := range cfg.ExtendCoroutineFunctions {
		m.APIs[name] = &asyncir.APIModel{Name: name, ReturnsAwait: asyncir.Coroutine, Callback: -1}
	}
	for _, name := range cfg.ExtendBlockingCalls {
		a := m.APIs[name]
		if a == nil {
			a = &asyncir.APIModel{Name: name, Callback: -1}
			m.APIs[name] = a
		} else {
			c := *a
			a = &c
			m.APIs[name] = a
		}
		a.Blocks = true
	}
	return m
}

// AnalyzerConfig is what analyzers see of cfg.
func AnalyzerConfig(cfg *config.Config, models *asyncir.Models) *asyncir.Config {
	ac := &asyncir.Config{TargetVersion: asyncir.DefaultTargetVersion, Models: models}
	if cfg != nil {
		ac.Select, ac.Ignore = cfg.Select, cfg.Ignore
		if cfg.TargetVersion != 0 {
			ac.TargetVersion = cfg.TargetVersion
		}
	}
	return ac
}

// Run checks the paths.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	cfg := opts.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	// The interpreter's answer is the longest wait of a small run: asked
	// first, before the heap reservation and the walk.
	lib := startLibrary(cfg, opts.Paths)
	reserved := hugeheap.ReserveAsync(1 << 30)
	collecting := phase.Start("collect")
	in, warnings, err := collect(opts.Paths, cfg, opts.Strict)
	collecting.End()
	if err != nil {
		return nil, err
	}
	in, warnings = withOverlayOnly(in, warnings, opts.Paths, opts.Overlay)
	var large []string
	in.Python, large = dropLarge(in.Python, opts.Overlay, cfg.MaxFileBytes())
	warnings = append(warnings, large...)
	reserved()
	if cacheable(opts, in) {
		res, err := runCached(opts, cfg, lib, in.Python, warnings)
		if res != nil {
			res.Elapsed = time.Since(start)
		}
		return res, err
	}
	models := Models(cfg)
	pyOpts := pythonOptions(opts, lib, nil)
	loaded := loadPython(in.Python, opts, pyOpts, models)
	env := environment(lib, cfg)
	pyOpts.Library = env.lib // what a session reads (nil without an environment)
	if env.warning != "" {
		warnings = append(warnings, env.warning)
	}
	for _, w := range loaded.Warnings {
		warnings = append(warnings, w.String())
	}
	res := &Result{Warnings: warnings, Files: len(in.Python) - len(loaded.Warnings), Lines: loaded.Lines, Lowered: loaded.Lowered, Program: loaded.Program,
		Python: env.python, LibraryFiles: loaded.LibraryFiles}
	if opts.ParseOnly {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	acfg := AnalyzerConfig(cfg, models)
	analyzing := phase.Start("analyze")
	diags, err := analyzePython(loaded.Program, acfg)
	analyzing.End()
	if err != nil {
		return nil, err
	}
	goDiags, goWarnings, goErrors, err := checkGo(in.Go, cfg, acfg, opts.Strict)
	if err != nil {
		return nil, err
	}
	diags = append(diags, goDiags...)
	res.Warnings = append(res.Warnings, goWarnings...)
	res.Errors = goErrors
	if opts.Join != nil {
		diags = opts.Join(diags, acfg)
	}
	presenting := phase.Start("present")
	res.Diagnostics = dedupe(Present(diags, loaded.Program, cfg, acfg))
	presenting.End()
	if opts.KeepSession {
		res.Session = pyfront.NewSession(loaded, models, pyOpts)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// pythonOptions are the frontend options of a run (rootPaths: see
// pyfront.Options.RootPaths).
func pythonOptions(opts Options, lib *pyfront.Library, rootPaths []string) pyfront.Options {
	return pyfront.Options{Eager: opts.Eager, ParseOnly: opts.ParseOnly, Library: lib, Trees: opts.Trees, RootPaths: rootPaths, KeepSession: opts.KeepSession}
}

// loadPython parses, lowers and links the Python files, with the
// overlay's unsaved contents. Unless the run keeps a session, the
// frontend releases each file's text once it is done with it, and what
// only a session needs before the analyzers run.
func loadPython(files []string, opts Options, pyOpts pyfront.Options, models *asyncir.Models) *pyfront.Result {
	pf := make([]pyfront.File, len(files))
	for i, p := range files {
		pf[i] = pyfront.File{Path: p, Content: opts.Overlay[p]}
	}
	return pyfront.Load(pf, models, pyOpts)
}

// analyzePython runs the analyzers over a loaded program and adds each
// module's syntax error.
func analyzePython(prog *asyncir.Program, acfg *asyncir.Config) ([]asyncir.Diagnostic, error) {
	diags, err := Analyze(prog, Analyzers(), acfg)
	for _, m := range prog.Modules {
		diags = append(diags, syntaxDiagnostics(m, acfg)...)
	}
	return diags, err
}

// Present is the policy layer over a run's findings: it sets each
// severity, drops what suppressions silence (at each call site), merges
// the findings that share a root cause unless cfg.AllSites (a suppression
// at the root silences the merged finding), reports unused suppressions,
// and sorts. Every severity is kept; what to show is the driver's choice.
func Present(diags []asyncir.Diagnostic, prog *asyncir.Program, cfg *config.Config, acfg *asyncir.Config) []asyncir.Diagnostic {
	policy.New(cfg).Severities(diags)
	s := newSuppressor(prog, cfg)
	diags = s.filter(diags)
	if !cfg.AllSites {
		diags = s.filter(policy.Group(diags))
	}
	diags = append(diags, s.unused(acfg)...)
	asyncir.SortDiagnostics(diags)
	return diags
}

// Analyze runs every analyzer over every module, modules in parallel.
func Analyze(prog *asyncir.Program, analyzers []*asyncir.Analyzer, cfg *asyncir.Config) ([]asyncir.Diagnostic, error) {
	return analyzeModules(prog, prog.Modules, analyzers, cfg)
}

// analyzeModules runs every analyzer over the lowered modules of mods,
// analyzers and modules in parallel.
func analyzeModules(prog *asyncir.Program, mods []*asyncir.Module, analyzers []*asyncir.Analyzer, cfg *asyncir.Config) ([]asyncir.Diagnostic, error) {
	var mu sync.Mutex
	// The findings gather in chunks, each as large as all before it up
	// to a bound, joined once at the end: a slice that doubles under the
	// lock copied a large module's tens of thousands of findings again
	// and again while the other workers waited.
	var chunks [][]asyncir.Diagnostic
	total := 0
	var firstErr error
	report := func(d asyncir.Diagnostic) {
		mu.Lock()
		if n := len(chunks); n == 0 || len(chunks[n-1]) == cap(chunks[n-1]) {
			chunks = append(chunks, make([]asyncir.Diagnostic, 0, min(max(total, 16), 1024)))
		}
		last := &chunks[len(chunks)-1]
		*last = append(*last, d)
		total++
		mu.Unlock()
	}
	// One unit of work is one analyzer on one module, so that a single
	// module (an editor's edited file) still uses every core: the
	// analyzers' whole-program summaries are then computed side by side.
	type unit struct {
		a *asyncir.Analyzer
		m *asyncir.Module
	}
	work := make(chan unit)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				if err := runOne(u.a, prog, u.m, cfg, reportFor(u.m, report)); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, m := range mods {
		if !m.Lowered {
			continue
		}
		for _, a := range analyzers {
			if speaks(a, m.Lang) {
				work <- unit{a, m}
			}
		}
	}
	close(work)
	wg.Wait()
	return slices.Concat(chunks...), firstErr
}

// reportFor drops the fixes of a module decoded from another encoding:
// its positions are in the decoded text, not the file's bytes.
func reportFor(m *asyncir.Module, report func(asyncir.Diagnostic)) func(asyncir.Diagnostic) {
	if m.Encoding == "" {
		return report
	}
	return func(d asyncir.Diagnostic) {
		d.Fixes = nil
		report(d)
	}
}

// runOne turns an analyzer panic into an internal error naming the file,
// so one bad module never hides the others' results silently.
func runOne(a *asyncir.Analyzer, prog *asyncir.Program, m *asyncir.Module, cfg *asyncir.Config, report func(asyncir.Diagnostic)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: analyzer %s panicked on %s: %v", a.Name, m.Path, r)
		}
	}()
	return a.Run(asyncir.NewPass(a, prog, m, cfg, report))
}

func speaks(a *asyncir.Analyzer, l asyncir.Language) bool {
	for _, x := range a.Languages {
		if x == l {
			return true
		}
	}
	return false
}

func syntaxDiagnostics(m *asyncir.Module, cfg *asyncir.Config) []asyncir.Diagnostic {
	if len(m.SyntaxErrors) == 0 || !cfg.Enabled("AL001") {
		return nil
	}
	r := m.SyntaxErrors[0]
	msg := "syntax error; the rest of the file is still analysed"
	if n := len(m.SyntaxErrors); n > 1 {
		msg = fmt.Sprintf("syntax error (and %d more); the rest of the file is still analysed", n-1)
	}
	return []asyncir.Diagnostic{{Code: "AL001", Analyzer: "core", Severity: asyncir.SeverityError, Range: r,
		Message: msg, URL: Core.URL + "#al001"}}
}

// dedupe drops repeated diagnostics (same place, code and message) from
// a sorted list: two inputs that overlap must not report a finding twice.
func dedupe(diags []asyncir.Diagnostic) []asyncir.Diagnostic {
	type key struct {
		file       string
		start, end int
		code, msg  string
	}
	seen := make(map[key]bool, len(diags))
	return slices.DeleteFunc(diags, func(d asyncir.Diagnostic) bool {
		k := key{d.Range.File, int(d.Range.Start.Offset), int(d.Range.End.Offset), d.Code, d.Message}
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}
