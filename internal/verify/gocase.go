package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/asynclint/asynclint/internal/expect"
)

// goCase is one Go case package in analysistest (GOPATH) layout:
// <gopath>/src/<importPath>, with <dir> its directory.
type goCase struct {
	gopath     string
	importPath string
	dir        string
}

// goRunner runs Go case packages under the race detector with the
// goroutine leak profile.
type goRunner struct {
	timeout time.Duration // the run of one package's test binary
	bound   time.Duration // how long a Run function may take
}

// buildTimeout bounds building one case's test binary.
const buildTimeout = 15 * time.Minute

var caseMarkRE = regexp.MustCompile(`//\s*want\s|\nfunc Run[A-Z0-9_]`)

// goPackages finds the Go case packages under root: directories of .go
// files below a directory named "src", whose import path does not start
// with a domain (those are stubs of dependencies), and that have a want or
// a Run function.
func goPackages(root string) ([]goCase, error) {
	var out []goCase
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		parts := strings.Split(filepath.ToSlash(abs), "/")
		i := slices.Index(parts, "src")
		if i < 0 || i == len(parts)-1 || strings.Contains(parts[i+1], ".") {
			return nil
		}
		files, _ := filepath.Glob(filepath.Join(p, "*.go"))
		for _, f := range files {
			if src, err := os.ReadFile(f); err == nil && caseMarkRE.Match(src) {
				gopath := p
				for range len(parts) - i {
					gopath = filepath.Dir(gopath)
				}
				out = append(out, goCase{gopath: gopath, importPath: strings.Join(parts[i+1:], "/"), dir: p})
				break
			}
		}
		return nil
	})
	return out, err
}

// golang verifies one Go case package.
func (v *verifier) golang(ctx context.Context, g goCase, dir string) Result {
	res := Result{Path: g.dir}
	fail := func(format string, args ...any) Result {
		res.Problems = append(res.Problems, fmt.Sprintf("%s: ", g.dir)+fmt.Sprintf(format, args...))
		return res
	}
	var files []*expect.Case
	names, _ := filepath.Glob(filepath.Join(g.dir, "*.go"))
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return fail("%v", err)
		}
		c, err := expect.ParseGo(name, src)
		if err != nil {
			return fail("%v", err)
		}
		files = append(files, c)
	}
	if _, fns, err := runFuncs(g.dir); err != nil {
		return fail("%v", err)
	} else if len(fns) == 0 {
		// Nothing for the runtime to call: every want stays unconfirmed
		// unless the file marks its rule static-only.
		for _, f := range match(files, nil, v.table, true) {
			if f.Outcome == Unconfirmed {
				f.Detail = "the package has no Run function for the runtime to call (testdata/go/README.md)"
			}
			res.Findings = append(res.Findings, f)
		}
		return res
	}
	evs, problems := v.gor.run(ctx, g, dir)
	res.Problems = problems
	res.Findings = match(files, evs, v.table, true)
	return res
}

// run builds a copy of the case's GOPATH with a driver test in the case
// package, runs it, and turns hangs, leaks and races into events whose
// files are the case's own paths.
func (r goRunner) run(ctx context.Context, g goCase, tmp string) ([]Event, []string) {
	problem := func(format string, args ...any) []string {
		return []string{fmt.Sprintf("%s: ", g.dir) + fmt.Sprintf(format, args...)}
	}
	pkg, fns, err := runFuncs(g.dir)
	if err != nil {
		return nil, problem("%v", err)
	}
	if len(fns) == 0 {
		return nil, problem("no Run function (func RunX([ctx context.Context]) [error]) for the runtime to call")
	}
	copyRoot := filepath.Join(tmp, "gopath")
	if err := os.CopyFS(filepath.Join(copyRoot, "src"), os.DirFS(filepath.Join(g.gopath, "src"))); err != nil {
		return nil, problem("copying the case: %v", err)
	}
	pkgDir := filepath.Join(copyRoot, "src", filepath.FromSlash(g.importPath))
	if err := os.WriteFile(filepath.Join(pkgDir, "zz_asynclint_verify_test.go"), []byte(driverSource(pkg, fns, r.bound)), 0o644); err != nil {
		return nil, problem("%v", err)
	}
	outFile := filepath.Join(tmp, "out.jsonl")
	bin := filepath.Join(tmp, "case.test")
	var output bytes.Buffer
	env := append(os.Environ(), "GO111MODULE=off", "GOPATH="+copyRoot, "GOFLAGS=", "GOWORK=off",
		"GOTOOLCHAIN=local", "GOEXPERIMENT=goroutineleakprofile", "ASYNCLINT_VERIFY_OUT="+outFile)
	command := func(ctx context.Context, name string, args ...string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir, cmd.Env = pkgDir, env
		output.Reset()
		cmd.Stdout, cmd.Stderr = &output, &output
		cmd.WaitDelay = 5 * time.Second
		return cmd
	}
	// The build is bounded separately and generously: the first case
	// builds the standard library with -race and the leak-profile
	// experiment, which on a cold build cache and a busy machine takes
	// minutes; only the run measures the case.
	buildCtx, cancelBuild := context.WithTimeout(ctx, max(r.timeout, buildTimeout))
	defer cancelBuild()
	build := func(race bool) error {
		args := []string{"test", "-c", "-o", bin}
		if race {
			args = append(args, "-race")
		}
		return command(buildCtx, "go", append(args, ".")...).Run()
	}
	runErr := build(true)
	if runErr != nil && bytes.Contains(output.Bytes(), []byte("-race requires cgo")) {
		// No C toolchain: leaks and hangs are still observable.
		runErr = build(false)
	}
	if runErr != nil {
		if buildCtx.Err() != nil {
			return nil, problem("building the case did not finish within %v%s", max(r.timeout, buildTimeout), tail(output.Bytes()))
		}
		return nil, problem("the case did not build (%v)%s", runErr, tail(output.Bytes()))
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	runErr = command(ctx, bin, "-test.count=1", "-test.run", "^TestAsynclintVerify$").Run()

	// Paths in stacks are the copy's; the case's files are the originals.
	caseFile := func(p string) (string, bool) {
		rel, err := filepath.Rel(pkgDir, p)
		if err != nil || strings.Contains(rel, string(filepath.Separator)) || strings.HasPrefix(rel, "zz_asynclint_verify") {
			return "", false
		}
		return filepath.Join(g.dir, rel), true
	}
	locsOf := func(locs []Loc) []Loc {
		var out []Loc
		for _, l := range locs {
			if f, ok := caseFile(l.File); ok && !slices.Contains(out, Loc{f, l.Line}) {
				out = append(out, Loc{f, l.Line})
			}
		}
		return out
	}
	var evs []Event
	seen := map[string]bool{} // a hundred goroutines leaked at one place are one finding
	add := func(kind, detail string, locs []Loc) {
		locs = locsOf(locs)
		if key := fmt.Sprint(kind, locs); len(locs) > 0 && !seen[key] {
			seen[key] = true
			evs = append(evs, Event{Kind: kind, File: locs[0].File, Line: locs[0].Line, Detail: detail, Also: locs[1:]})
		}
	}
	data, _ := os.ReadFile(outFile)
	finished := false
	for _, line := range bytes.Split(data, []byte("\n")) {
		var rec struct {
			Kind, Func, Goroutine, Stacks string
			Ctx                           bool
		}
		if len(bytes.TrimSpace(line)) == 0 || json.Unmarshal(line, &rec) != nil {
			continue
		}
		switch rec.Kind {
		case "hang":
			detail := fmt.Sprintf("%s did not return within %v", rec.Func, r.bound)
			if rec.Ctx {
				detail = fmt.Sprintf("%s did not return within %v of its context being cancelled", rec.Func, r.bound)
			}
			for _, gr := range parseStacks(rec.Stacks) {
				if gr.id == rec.Goroutine {
					add("hang", detail, gr.frames)
				}
			}
		case "leaks":
			finished = true
			for _, gr := range parseStacks(rec.Stacks) {
				if !strings.Contains(gr.state, "(leaked)") {
					continue
				}
				locs := gr.frames
				if gr.createdBy != nil {
					locs = append(locs, *gr.createdBy)
				}
				add("goroutine-leak", fmt.Sprintf("goroutine leaked blocked in %s", strings.TrimSuffix(gr.state, " (leaked)")), locs)
			}
		}
	}
	for _, locs := range raceReports(output.String()) {
		add("data-race", "the race detector reported a data race", locs)
	}
	if !finished {
		if ctx.Err() != nil {
			return evs, problem("running the case did not finish within %v%s", r.timeout, tail(output.Bytes()))
		}
		return evs, problem("the case did not run to its end (%v)%s", runErr, tail(output.Bytes()))
	}
	return evs, nil
}
