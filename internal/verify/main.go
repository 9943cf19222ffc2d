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

// Main is `asynclint verify [flags] [paths]`: it runs every case under the
// paths (default "testdata") and exits 0 when the runtime confirms all of
// them, 1 when some expectation is unconfirmed or some event unexpected,
// and 2 on a usage or I/O error.
func Main(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("verify", flag.ContinueOnError)
	fl.SetOutput(stderr)
	jobs := fl.Int("j", runtime.NumCPU(), "cases run concurrently")
	timeout := fl.Duration("timeout", 60*time.Second, "bound for one case")
	hang := fl.Duration("hang", 2*time.Second, "bound for one blocking call on the event loop's thread")
	python := fl.String("python", "python3", "Python interpreter")
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
	cases, err := discover(paths)
	if err != nil {
		fmt.Fprintf(stderr, "asynclint verify: %v\n", err)
		return 2
	}
	if len(cases.python)+len(cases.golang) == 0 {
		fmt.Fprintf(stderr, "asynclint verify: no cases under %s\n", strings.Join(paths, " "))
		return 2
	}
	tmp, err := os.MkdirTemp("", "asynclint-verify-")
	if err != nil {
		fmt.Fprintf(stderr, "asynclint verify: %v\n", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	v := &verifier{
		table: EvidenceTable(),
		tmp:   tmp,
		py:    pyRunner{python: *python, timeout: *timeout, hangBound: *hang},
		gor:   goRunner{timeout: 3 * *timeout, bound: *hang},
	}
	if len(cases.python) > 0 {
		if v.py.harness, err = writeHarness(tmp); err != nil {
			fmt.Fprintf(stderr, "asynclint verify: %v\n", err)
			return 2
		}
		if _, err := exec.LookPath(*python); err != nil {
			fmt.Fprintf(stderr, "asynclint verify: %v\n", err)
			return 2
		}
	}
	results := v.runAll(context.Background(), cases, max(*jobs, 1))
	report(stdout, results, *verbose)
	for _, r := range results {
		if r.Failed() {
			return 1
		}
	}
	return 0
}

// caseSet is what discover found: Python case files, and Go case packages
// by GOPATH root.
type caseSet struct {
	python []string
	golang []goCase
}

// discover walks the paths for Python case files (*.py) and Go case
// packages (directories of .go files below a "src" directory, analysistest
// layout; see goPackages).
func discover(paths []string) (caseSet, error) {
	var cs caseSet
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return cs, err
		}
		if !info.IsDir() {
			if strings.HasSuffix(root, ".py") {
				cs.python = append(cs.python, root)
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
				cs.python = append(cs.python, p)
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

func (v *verifier) python(ctx context.Context, path, dir string) Result {
	res := Result{Path: path}
	src, err := os.ReadFile(path)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
		return res
	}
	c, err := expect.ParsePython(path, src)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
		return res
	}
	evs, problems := v.py.run(ctx, path, src, dir)
	res.Problems = problems
	res.Findings = match([]*expect.Case{c}, evs, v.table, false)
	return res
}
