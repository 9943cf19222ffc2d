package driver

import (
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/pyfront"
)

// cacheable reports whether a run can use its cache: Go packages are
// checked by go/analysis (which has its own build cache), and editors'
// overlays, trace's joined findings and the benchmarks' modes are not
// what the cache keys.
func cacheable(opts Options, in Inputs) bool {
	return opts.Cache != nil && in.Go.empty() &&
		len(opts.Overlay) == 0 && !opts.Eager && !opts.ParseOnly && opts.Join == nil && opts.Trees == nil
}

// runKey names the cache entry of a run: the binary, the paths as given
// and, when one is relative, the working directory (the paths shown
// derive from both), and the configuration that affects findings
// (min-severity only chooses what is shown of the stored findings).
func runKey(c *cache.Cache, opts Options, cfg *config.Config) string {
	wd, _ := os.Getwd()
	return keyFor(c, wd, opts.Paths, cfg)
}

// keyFor is the run key of paths checked from the directory wd.
func keyFor(c *cache.Cache, wd string, paths []string, cfg *config.Config) string {
	relative := false
	for _, p := range paths {
		relative = relative || !filepath.IsAbs(p)
	}
	if !relative {
		wd = ""
	}
	fp := *cfg
	fp.MinSeverity = nil
	return cache.Key(c.Version, wd, paths, fp)
}

// cachedRun is one run through the cache.
type cachedRun struct {
	opts   Options
	cfg    *config.Config
	models *asyncir.Models
	acfg   *asyncir.Config
	paths  []string // every Python file of the run, in order
	files  []cache.File
	comps  [][]int
	// transient: a parse gave up in time; the run is not stored.
	transient bool
}

// runCached checks paths (Python files only) reusing what opts.Cache
// holds; see the package doc of internal/cache for why the result is
// the one a run without the cache gives.
// lib is the run's started library (startLibrary).
func runCached(opts Options, cfg *config.Config, lib *pyfront.Library, paths, warnings []string) (*Result, error) {
	started := time.Now()
	c := opts.Cache
	r := &cachedRun{opts: opts, cfg: cfg, models: Models(cfg), paths: paths}
	r.acfg = AnalyzerConfig(cfg, r.models)
	key := runKey(c, opts, cfg)
	old := c.Load(key)
	// A stored run holds for the same environment only: with one, the
	// interpreter's answer is needed now. A first run checks everything
	// and is answered while it parses.
	if old != nil {
		env := environment(lib, cfg)
		if old.Python != env.python || !slices.Equal(old.Sites, env.sites) || !cache.Unchanged(old.Library) {
			old = nil
		}
	}
	var reread int
	r.files, reread = cache.Manifest(paths, old)
	r.comps = cache.Components(r.files)
	entry := &cache.Entry{Written: started.UnixNano(), Files: r.files}
	entry.Components = make([]cache.Component, len(r.comps))
	stored := map[string][]asyncir.Diagnostic{}
	if old != nil {
		for _, sc := range old.Components {
			stored[sc.Key] = sc.Diagnostics
		}
	}
	var dirty []int
	for i, members := range r.comps {
		entry.Components[i].Key = cache.ComponentKey(r.files, members)
		if d, ok := stored[entry.Components[i].Key]; ok {
			entry.Components[i].Diagnostics = d
		} else {
			dirty = append(dirty, i)
		}
	}
	if old != nil {
		entry.Library, entry.LibraryFiles = old.Library, old.LibraryFiles
	}
	switch {
	case len(dirty) == 0:
		// Nothing changed: every finding is replayed.
		if old != nil && old.Unplaced {
			entry.Unplaced = true
			entry.Components = append(entry.Components, old.Components[len(old.Components)-1])
		}
	case old != nil && old.LibraryFiles == 0 && !old.Unplaced:
		ok, err := r.check(entry, dirty, lib)
		if err != nil {
			return nil, err
		}
		if ok {
			break
		}
		// A fresh library for the whole check: this one has recorded
		// what the partial check read.
		lib = startLibrary(cfg, opts.Paths)
		fallthrough
	default:
		// The first run, or one whose libraries tie every component
		// to every other: everything is checked.
		dirty = allComponents(len(r.comps))
		if _, err := r.check(entry, allComponents(len(r.comps)), lib); err != nil {
			return nil, err
		}
	}
	env := environment(lib, cfg)
	entry.Python, entry.Sites = env.python, env.sites
	if env.warning != "" {
		warnings = append(warnings, env.warning)
	}
	if (len(dirty) > 0 || reread > 0) && !r.transient && cache.Unchanged(stampsOf(r.files)) {
		// A file edited during the run would be stored with findings of
		// its older text; such a run is not stored, nor one whose parse
		// of a file gave up in time (a busy machine, not the file).
		c.Store(key, entry)
	}
	res := r.result(entry, warnings)
	rechecked := map[int]bool{}
	for _, ci := range dirty {
		rechecked[ci] = true
	}
	for ci, members := range r.comps {
		for _, fi := range members {
			if !rechecked[ci] && r.files[fi].Warning == "" {
				res.Cached++
			}
		}
	}
	return res, nil
}

// check runs the frontend, analyzers and policy over the files of the
// components comps together, storing each component's findings in entry.
// A run over some components only (partial) fails, reporting false,
// when it read an installed file or reported in a file outside them: the
// components are then not independent, and the caller checks everything.
func (r *cachedRun) check(entry *cache.Entry, comps []int, lib *pyfront.Library) (bool, error) {
	partial := len(comps) < len(r.comps)
	var members []int
	owner := map[string]int{}
	for _, ci := range comps {
		members = append(members, r.comps[ci]...)
		for _, fi := range r.comps[ci] {
			owner[r.paths[fi]] = ci
		}
	}
	slices.Sort(members)
	files := make([]string, len(members))
	for i, fi := range members {
		files[i] = r.paths[fi]
	}
	loaded := loadPython(files, r.opts, pythonOptions(r.opts, lib, r.paths), r.models)
	diags, err := analyzePython(loaded.Program, r.acfg)
	if err != nil {
		return false, err
	}
	diags = dedupe(Present(diags, loaded.Program, r.cfg, r.acfg))
	if partial && loaded.LibraryFiles > 0 {
		return false, nil
	}
	byComp := map[int][]asyncir.Diagnostic{}
	var unplaced []asyncir.Diagnostic
	for _, d := range diags {
		if ci, ok := owner[d.Range.File]; ok {
			byComp[ci] = append(byComp[ci], d)
		} else {
			unplaced = append(unplaced, d)
		}
	}
	if partial && len(unplaced) > 0 {
		return false, nil
	}
	for _, ci := range comps {
		entry.Components[ci].Diagnostics = byComp[ci]
	}
	if len(unplaced) > 0 {
		entry.Unplaced = true
		entry.Components = append(entry.Components, cache.Component{Key: "unplaced", Diagnostics: unplaced})
	}
	r.record(loaded, members)
	if lib = environment(lib, r.cfg).lib; lib != nil {
		entry.Library = cache.Stamps(lib.Inputs())
	} else {
		entry.Library = nil
	}
	if !partial {
		entry.LibraryFiles = loaded.LibraryFiles
	}
	return true, nil
}

// record keeps what the frontend said of each checked file: whether it
// skipped it (and why) and whether it lowered it.
func (r *cachedRun) record(loaded *pyfront.Result, members []int) {
	index := map[string]int{}
	for _, fi := range members {
		index[r.paths[fi]] = fi
		r.files[fi].Warning, r.files[fi].Lowered = "", false
	}
	for _, w := range loaded.Warnings {
		if fi, ok := index[w.Path]; ok {
			r.files[fi].Warning = w.Message
		}
		r.transient = r.transient || w.Transient
	}
	for _, m := range loaded.Program.Modules {
		if fi, ok := index[m.Path]; ok {
			r.files[fi].Lowered = m.Lowered
		}
	}
}

// result assembles the run's Result from the entry, as a run without the
// cache reports it.
func (r *cachedRun) result(entry *cache.Entry, warnings []string) *Result {
	res := &Result{Python: entry.Python, LibraryFiles: entry.LibraryFiles}
	for _, f := range r.files {
		if f.Warning != "" {
			warnings = append(warnings, pyfront.Warning{Path: f.Path, Message: f.Warning}.String())
			continue
		}
		res.Files++
		res.Lines += f.Lines
		if f.Lowered {
			res.Lowered++
		}
	}
	res.Warnings = warnings
	for _, c := range entry.Components {
		res.Diagnostics = append(res.Diagnostics, c.Diagnostics...)
	}
	asyncir.SortDiagnostics(res.Diagnostics)
	res.Diagnostics = dedupe(res.Diagnostics)
	return res
}

func allComponents(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func stampsOf(files []cache.File) []cache.Stamp {
	out := make([]cache.Stamp, len(files))
	for i, f := range files {
		out[i] = f.Stamp
	}
	return out
}
