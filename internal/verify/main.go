package verify

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/asynclint/asynclint/internal/expect"
)

// Result is what verify found about one case.
type Result struct {
	Path     string
	Findings []Finding
	Problems []string // the case could not be run or judged
}

// Failed reports whether the case fails verification.
func (r Result) Failed() bool {
	if len(r.Problems) > 0 {
		return true
	}
	for _, f := range r.Findings {
		if f.Outcome == Unconfirmed || f.Outcome == Unexpected {
			return true
		}
	}
	return false
}

// Options are verify's settings.
type Options struct {
	Jobs      int           // cases run concurrently
	Timeout   time.Duration // bound for one case
	HangBound time.Duration // bound for one blocking call, or one Go Run function
	Python    string        // interpreter
}

// Main is `asynclint verify [flags] [paths]`: it runs every case under the
// paths (default "testdata") and exits 0 when the runtime confirms all of
// them, 1 when some expectation is unconfirmed or some event unexpected,
// and 2 on a usage or I/O error.
func Main(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("verify", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var o Options
	fl.IntVar(&o.Jobs, "j", runtime.NumCPU(), "cases run concurrently")
	fl.DurationVar(&o.Timeout, "timeout", 60*time.Second, "bound for one case")
	fl.DurationVar(&o.HangBound, "hang", 2*time.Second, "bound for one blocking call on the event loop's thread, and for one Go Run function")
	fl.StringVar(&o.Python, "python", "python3", "Python interpreter")
	verbose := fl.Bool("v", false, "also list verified and static-only expectations")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: asynclint verify [flags] [paths]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	paths := fl.Args()
	if len(paths) == 0 {
		paths = []string{"testdata"}
	}
	results, err := Run(context.Background(), o, paths)
	if err != nil {
		fmt.Fprintf(stderr, "asynclint verify: %v\n", err)
		return 2
	}
	report(stdout, results, *verbose)
	for _, r := range results {
		if r.Failed() {
			return 1
		}
	}
	return 0
}

// Run verifies every case under paths.
func Run(ctx context.Context, o Options, paths []string) ([]Result, error) {
	cases, err := discover(paths)
	if err != nil {
		return nil, err
	}
	if len(cases.python)+len(cases.golang) == 0 {
		return nil, fmt.Errorf("no cases under %s", strings.Join(paths, " "))
	}
	tmp, err := os.MkdirTemp("", "asynclint-verify-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	v := &verifier{
		table: EvidenceTable(),
		tmp:   tmp,
		py:    pyRunner{timeout: o.Timeout, hangBound: o.HangBound},
		gor:   goRunner{timeout: 3 * o.Timeout, bound: o.HangBound},
	}
	if len(cases.python) > 0 {
		if v.py.harness, err = writeHarness(tmp); err != nil {
			return nil, err
		}
		// The interpreter itself, not a version manager's shim that costs
		// every case a second to start.
		exe, err := exec.Command(o.Python, "-c", "import sys; print(sys.executable)").Output()
		if err != nil || len(strings.TrimSpace(string(exe))) == 0 {
			return nil, fmt.Errorf("cannot run %s: %v", o.Python, err)
		}
		v.py.python = strings.TrimSpace(string(exe))
	}
	return v.runAll(ctx, cases, max(o.Jobs, 1)), nil
}

// caseSet is what discover found: Python cases, and Go case packages.
type caseSet struct {
	python []pyCase
	golang []goCase
}

// pyCase is one Python case: entry files the harness runs, and every file
// whose expectations their events are matched against. A single-file case
// is its own entry. A file in a package directory (one with __init__.py)
// is a module: the entries of the nearest directory above it that is not a
// package run it, and form one case with all their modules.
type pyCase struct {
	entries, files []string
}

// discover walks the paths for Python case files (*.py) and Go case
// packages (directories of .go files below a "src" directory, analysistest
// layout; see goPackages).
func discover(paths []string) (caseSet, error) {
	var cs caseSet
	var pyFiles []string
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return cs, err
		}
		if !info.IsDir() {
			if strings.HasSuffix(root, ".py") {
				pyFiles = append(pyFiles, root)
				continue
			}
			return cs, fmt.Errorf("%s: not a directory or a .py case", root)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() && p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "__pycache__") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(name, ".py") {
				pyFiles = append(pyFiles, p)
			}
			return nil
		})
		if err != nil {
			return cs, err
		}
		gcs, err := goPackages(root)
		if err != nil {
			return cs, err
		}
		cs.golang = append(cs.golang, gcs...)
	}
	cs.python = groupPython(pyFiles)
	return cs, nil
}

type verifier struct {
	table map[string][]Evidence
	tmp   string
	py    pyRunner
	gor   goRunner
}

// runAll runs the cases on n workers and returns results in input order.
func (v *verifier) runAll(ctx context.Context, cs caseSet, n int) []Result {
	type job struct {
		i   int
		run func(dir string) Result
	}
	var jobs []job
	for _, p := range cs.python {
		jobs = append(jobs, job{len(jobs), func(dir string) Result { return v.python(ctx, p, dir) }})
	}
	for _, g := range cs.golang {
		jobs = append(jobs, job{len(jobs), func(dir string) Result { return v.golang(ctx, g, dir) }})
	}
	results := make([]Result, len(jobs))
	ch := make(chan job)
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				dir := filepath.Join(v.tmp, fmt.Sprintf("case%d-w%d", j.i, w))
				if err := os.MkdirAll(dir, 0o755); err != nil {
					results[j.i] = Result{Problems: []string{err.Error()}}
					continue
				}
				results[j.i] = j.run(dir)
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return results
}

func (v *verifier) python(ctx context.Context, pc pyCase, dir string) Result {
	if len(pc.entries) == 0 {
		return Result{Path: pc.files[0], Problems: []string{fmt.Sprintf("%s: a module with no entry file beside its package to run it", pc.files[0])}}
	}
	res := Result{Path: pc.entries[0]}
	var files []*expect.Case
	byAbs := map[string]string{}
	for _, p := range pc.files {
		src, err := os.ReadFile(p)
		if err != nil {
			res.Problems = append(res.Problems, err.Error())
			return res
		}
		c, err := expect.ParsePython(p, src)
		if err != nil {
			res.Problems = append(res.Problems, err.Error())
			return res
		}
		files = append(files, c)
		if abs, err := filepath.Abs(p); err == nil {
			byAbs[abs] = p
		}
	}
	var evs []Event
	for i, entry := range pc.entries {
		src, err := os.ReadFile(entry)
		if err != nil {
			res.Problems = append(res.Problems, err.Error())
			return res
		}
		run, problems := v.py.run(ctx, entry, src, filepath.Join(dir, fmt.Sprint(i)))
		res.Problems = append(res.Problems, problems...)
		for _, e := range run {
			if p, ok := byAbs[e.File]; ok {
				e.File = p
			} else if e.File == "" {
				e.File = entry
			}
			evs = append(evs, e)
		}
	}
	res.Findings = match(files, evs, v.table, false)
	res.Problems = append(res.Problems, uncaught(files, evs, v.table)...)
	return res
}

// uncaught reports the exceptions that ended a case early, except one that
// is the evidence a want on its line asks for (the case ran to its bug).
func uncaught(files []*expect.Case, evs []Event, table map[string][]Evidence) []string {
	var out []string
	for _, e := range evs {
		if e.Kind != "uncaught" {
			continue
		}
		raised := Event{Kind: "exception", File: e.File, Line: e.Line, Detail: e.Detail}
		expected := false
		for _, c := range files {
			for _, w := range c.Wants {
				if c.Path == e.File && w.Line == e.Line && slices.ContainsFunc(table[w.Code], func(ev Evidence) bool { return ev.Confirms(raised) }) {
					expected = true
				}
			}
		}
		if !expected {
			out = append(out, fmt.Sprintf("%s:%d: the case ended with an uncaught %s", e.File, e.Line, e.Detail))
		}
	}
	return out
}

// groupPython turns case files into cases (see pyCase).
func groupPython(files []string) []pyCase {
	isPkg := func(dir string) bool {
		_, err := os.Stat(filepath.Join(dir, "__init__.py"))
		return err == nil
	}
	owner := func(p string) string {
		d := filepath.Dir(p)
		for isPkg(d) && filepath.Dir(d) != d {
			d = filepath.Dir(d)
		}
		return d
	}
	byOwner := map[string]*pyCase{}
	var out []pyCase
	var order []string
	for _, p := range files {
		if isPkg(filepath.Dir(p)) {
			continue
		}
		out = append(out, pyCase{entries: []string{p}, files: []string{p}})
	}
	for _, p := range files {
		if !isPkg(filepath.Dir(p)) {
			continue
		}
		o := owner(p)
		if byOwner[o] == nil {
			byOwner[o] = &pyCase{}
			order = append(order, o)
		}
		byOwner[o].files = append(byOwner[o].files, p)
	}
	// A directory with modules makes its entries one case.
	var singles []pyCase
	for _, c := range out {
		if g := byOwner[filepath.Dir(c.entries[0])]; g != nil {
			g.entries = append(g.entries, c.entries[0])
			g.files = append(g.files, c.entries[0])
			continue
		}
		singles = append(singles, c)
	}
	for _, o := range order {
		singles = append(singles, *byOwner[o])
	}
	return singles
}
