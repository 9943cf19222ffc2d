package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
)

// TestMixedTree checks a tree holding a Python file and a Go module in one
// run: both languages report, and a Go suppression silences its line.
func TestMixedTree(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a Go module")
	}
	dir := t.TempDir()
	files := map[string]string{
		"app.py":     "import asyncio\n\nasync def work():\n    await asyncio.sleep(1)\n\nasync def main():\n    work()\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.26\n",
		"svc/svc.go": `package svc

import (
	"context"
	"time"
)

func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func Retry(ctx context.Context) {
	time.Sleep(time.Minute) //asynclint:ignore AL251 bounded pause
	time.Sleep(time.Minute)
}
`,
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	res, err := Run(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findingsAt(res), "app.py:7:AL101 svc.go:10:AL151 svc.go:21:AL251"; got != want {
		t.Errorf("got %q, want %q (warnings %q)", got, want, res.Warnings)
	}
}

// goModuleDir is an empty directory for a test that loads Go modules
// (skipped with -short), with no workspace and no GOFLAGS of the user's.
func goModuleDir(t *testing.T, why string) string {
	t.Helper()
	if testing.Short() {
		t.Skip(why)
	}
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	return t.TempDir()
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const goSleeper = `package %s

import (
	"context"
	"time"
)

func Retry%s(ctx context.Context) {
	time.Sleep(time.Minute)
}
`

// TestGoFilesNamedOnTheCommandLine: pre-commit names staged files; each
// package is checked once, findings are not repeated, exclude applies to
// packages found by walking, and a named module that does not load is an
// error on the command line.
func TestGoFilesNamedOnTheCommandLine(t *testing.T) {
	dir := goModuleDir(t, "loads Go modules")
	writeTree(t, dir, map[string]string{
		"go.mod":        "module example.com/m\n\ngo 1.26\n",
		"svc/a.go":      fmt.Sprintf(goSleeper, "svc", "A"),
		"svc/b.go":      fmt.Sprintf(goSleeper, "svc", "B"),
		"other/o.go":    fmt.Sprintf(goSleeper, "other", "O"),
		"gen/gen.go":    fmt.Sprintf(goSleeper, "gen", "G"),
		"broken/go.mod": "module example.com/broken\n\ngo 1.26\n",
		"broken/b.go":   "package broken\n\nfunc F() { undefined() }\n",
	})
	res, err := Run(Options{Paths: []string{filepath.Join(dir, "svc/a.go"), filepath.Join(dir, "svc/b.go"), filepath.Join(dir, "other/o.go")}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findingsAt(res), "a.go:9:AL251 b.go:9:AL251 o.go:9:AL251"; !sameWords(got, want) || len(res.Diagnostics) != 3 {
		t.Errorf("named files: %q, want %q (the packages of the named files, once each)", got, want)
	}
	// Named files inside a module that is walked as well: still once.
	res, err = Run(Options{Paths: []string{filepath.Join(dir, "svc/a.go"), dir}, Config: &config.Config{Root: dir, Exclude: []string{"gen", "broken"}}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findingsAt(res), "o.go:9:AL251 a.go:9:AL251 b.go:9:AL251"; !sameWords(got, want) {
		t.Errorf("walked module with exclude = [gen]: %q, want %q", got, want)
	}
	if res, err := Run(Options{Paths: []string{filepath.Join(dir, "broken")}, Strict: true}); err != nil || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "b.go:3:12: undefined: undefined") {
		t.Errorf("a named module that does not type-check: %v, errors %q; want one naming b.go:3:12", err, res.Errors)
	}
	if res, err := Run(Options{Paths: []string{filepath.Join(dir, "broken")}}); err != nil || len(res.Warnings) != 1 {
		t.Errorf("not strict: %v, warnings %q; want one warning", err, res.Warnings)
	}
}

// findingsAt lists a run's findings as "file:line:code", file by base
// name, in the run's order.
func findingsAt(res *Result) string {
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%d:%s", filepath.Base(d.Range.File), d.Range.Start.Line, d.Code))
	}
	return strings.Join(got, " ")
}

func sameWords(a, b string) bool {
	x, y := strings.Fields(a), strings.Fields(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// TestGoDirectoriesInsideAModule: a directory of a module without a go.mod
// of its own, named as a directory or as a Go pattern ("dir/...",
// "./..."), is checked as go vet checks that pattern: its packages and
// those below it, except testdata; a module nested below it is checked as
// its own module; Go files outside any module are a warning, not silence.
func TestGoDirectoriesInsideAModule(t *testing.T) {
	dir := goModuleDir(t, "loads Go modules")
	writeTree(t, dir, map[string]string{
		"go.mod":                     "module example.com/m\n\ngo 1.26\n",
		"top.go":                     fmt.Sprintf(goSleeper, "m", "Top"),
		"svc/a.go":                   fmt.Sprintf(goSleeper, "svc", "A"),
		"svc/inner/c.go":             fmt.Sprintf(goSleeper, "inner", "C"),
		"svc/testdata/t.go":          fmt.Sprintf(goSleeper, "t", "T"),
		"svc/nested/go.mod":          "module example.com/nested\n\ngo 1.26\n",
		"svc/nested/n.go":            fmt.Sprintf(goSleeper, "nested", "N"),
		"loose/src/l.go":             fmt.Sprintf(goSleeper, "l", "L"),
		"loose/src/app.py":           "import asyncio\n\nasync def work():\n    await asyncio.sleep(1)\n\nasync def main():\n    work()\n",
		"svc/other/o.go":             fmt.Sprintf(goSleeper, "other", "O"),
		"svc/other/o_helper_test.go": "package other\n",
	})
	want := "a.go:9:AL251 c.go:9:AL251 n.go:9:AL251 o.go:9:AL251"
	for _, path := range []string{filepath.Join(dir, "svc"), filepath.Join(dir, "svc") + "/..."} {
		res, err := Run(Options{Paths: []string{path}, Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := findingsAt(res); !sameWords(got, want) || len(res.Diagnostics) != 4 {
			t.Errorf("check %s: %q, want %q (warnings %q)", path, got, want, res.Warnings)
		}
	}
	// A named file of a package the tree covers is not checked twice.
	res, err := Run(Options{Paths: []string{filepath.Join(dir, "svc/a.go"), filepath.Join(dir, "svc")}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := findingsAt(res); !sameWords(got, want) || len(res.Diagnostics) != 4 {
		t.Errorf("named file and its tree: %q, want %q", got, want)
	}
	t.Chdir(dir)
	res, err = Run(Options{Paths: []string{"./..."}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findingsAt(res), "app.py:7:AL101 top.go:9:AL251 a.go:9:AL251 c.go:9:AL251 n.go:9:AL251 o.go:9:AL251 l.go:9:AL251"; !sameWords(got, want) {
		t.Errorf("check ./...: %q, want %q (warnings %q)", got, want, res.Warnings)
	}
	// Outside any module: the Python file is checked, the Go files are named
	// in a warning.
	loose := t.TempDir()
	writeTree(t, loose, map[string]string{"l.go": fmt.Sprintf(goSleeper, "l", "L"), "app.py": "import asyncio\n\nasync def work():\n    await asyncio.sleep(1)\n\nasync def main():\n    work()\n"})
	res, err = Run(Options{Paths: []string{loose}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := findingsAt(res); got != "app.py:7:AL101" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "outside a Go module") {
		t.Errorf("outside a module: %q, warnings %q; want the Python finding and one warning", got, res.Warnings)
	}
}

// TestAbandonedHelperGoroutineIsOneFinding: two callers that can stop
// receiving from the channel one helper's goroutine sends on share one
// fix, in the helper: one finding at its send, each caller related.
func TestAbandonedHelperGoroutineIsOneFinding(t *testing.T) {
	dir := goModuleDir(t, "loads a Go module")
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"w.go": `package m

import (
	"sync"
	"time"
)

func wait(wg *sync.WaitGroup) chan bool {
	ch := make(chan bool)
	go func() {
		wg.Wait()
		ch <- true
	}()
	return ch
}

func First(wg *sync.WaitGroup) bool {
	select {
	case <-time.After(time.Second):
		return false
	case <-wait(wg):
		return true
	}
}

func Second(wg *sync.WaitGroup) bool {
	select {
	case <-time.After(time.Minute):
		return false
	case <-wait(wg):
		return true
	}
}
`})
	t.Chdir(dir)
	res, err := Run(Options{Paths: []string{"."}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("%d findings, want 1: %v", len(res.Diagnostics), res.Diagnostics)
	}
	d := res.Diagnostics[0]
	var related []int
	for _, r := range d.Related {
		related = append(related, int(r.Range.Start.Line))
		if r.Range.File != "w.go" {
			t.Errorf("related %s, want the file as the finding names it, w.go", r.Range.File)
		}
	}
	if d.Code != "AL151" || d.Range.Start.Line != 12 || !strings.Contains(d.Message, "2 callers") || !slices.Equal(related, []int{21, 30}) {
		t.Errorf("got %s at line %d: %q, related lines %v; want AL151 at 12 naming 2 callers, related 21 and 30", d.Code, d.Range.Start.Line, d.Message, related)
	}
}

// TestDeadlockSidesAreOneFinding: a lock-order inversion and a recursive
// read lock with a writer each block two goroutines, each waiting for the
// other. The analyzer reports both blocked sides; the run shows each
// deadlock once, at its first side, with both sides related, and
// all-sites shows the sides apart.
func TestDeadlockSidesAreOneFinding(t *testing.T) {
	dir := goModuleDir(t, "loads a Go module")
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"d.go": `package m

import "sync"

type bank struct {
	a, b sync.Mutex
	n    int
}

func (k *bank) Deposit() {
	k.a.Lock()
	defer k.a.Unlock()
	k.b.Lock()
	k.n++
	k.b.Unlock()
}

func (k *bank) Audit() {
	k.b.Lock()
	defer k.b.Unlock()
	k.a.Lock()
	k.n--
	k.a.Unlock()
}

type stats struct {
	mu  sync.RWMutex
	sum int
}

func (s *stats) count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sum
}

func (s *stats) Mean() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sum / max(s.count(), 1)
}

func (s *stats) Add(v int) {
	s.mu.Lock()
	s.sum += v
	s.mu.Unlock()
}
`})
	t.Chdir(dir)
	type found struct {
		line    int
		related []int
	}
	run := func(allSites bool) []found {
		res, err := Run(Options{Paths: []string{"."}, Strict: true, Config: &config.Config{AllSites: allSites}})
		if err != nil {
			t.Fatal(err)
		}
		var out []found
		for _, d := range res.Diagnostics {
			if d.Code != "AL155" {
				t.Errorf("unexpected %s at line %d: %s", d.Code, d.Range.Start.Line, d.Message)
				continue
			}
			f := found{line: int(d.Range.Start.Line)}
			for _, r := range d.Related {
				f.related = append(f.related, int(r.Range.Start.Line))
			}
			out = append(out, f)
		}
		return out
	}
	got := run(false)
	want := []found{{13, []int{13, 21}}, {40, []int{40, 44}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("grouped: got %v, want %v (line, related lines)", got, want)
	}
	if got := run(true); len(got) != 4 {
		t.Errorf("all sites: got %v, want the 4 blocked sides apart", got)
	}
}
