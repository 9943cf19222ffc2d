package verify

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
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
