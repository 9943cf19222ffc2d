package verify

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/asynclint/asynclint/internal/expect"
)

//go:embed harness.py
var harnessSource []byte

//go:embed recorder.py
var recorderSource []byte

// RecorderModule is the name the recorder is imported by.
const RecorderModule = "asynclint_recorder"

// WriteRecorder puts the embedded runtime recorder (recorder.py, shared by
// verify's harness and by trace) in dir, importable as RecorderModule.
func WriteRecorder(dir string) error {
	return os.WriteFile(filepath.Join(dir, RecorderModule+".py"), recorderSource, 0o644)
}

// pyRunner runs Python cases, each in its own interpreter.
type pyRunner struct {
	python    string        // interpreter, "python3" by default
	harness   string        // path of the harness written out for this run
	timeout   time.Duration // whole-case bound
	hangBound time.Duration // bound for one blocking call on the loop thread
}

// writeHarness puts the embedded harness, and the recorder it imports, in dir.
func writeHarness(dir string) (string, error) {
	if err := WriteRecorder(dir); err != nil {
		return "", err
	}
	p := filepath.Join(dir, "asynclint_harness.py")
	return p, os.WriteFile(p, harnessSource, 0o644)
}

var (
	runDirectiveRE = regexp.MustCompile(`(?m)^#\s*run:\s*(main|script)\s*$`)
	mainGuardRE    = regexp.MustCompile(`(?m)^if\s+__name__\s*==\s*["']__main__["']\s*:`)
	asyncMainRE    = regexp.MustCompile(`(?m)^async\s+def\s+main\s*\(`)
)

// runMode says how a case runs: a "# run: main|script" line decides;
// otherwise a __main__ block makes it a script, and an `async def main()`
// without one is run with asyncio.run(main()).
func runMode(src []byte) string {
	if m := runDirectiveRE.FindSubmatch(src); m != nil {
		return string(m[1])
	}
	if !mainGuardRE.Match(src) && asyncMainRE.Match(src) {
		return "main"
	}
	return "script"
}

// run executes one case and returns its events, deduplicated, and the
// problems that stop the case from counting as run (a crash, a timeout).
func (r pyRunner) run(ctx context.Context, path string, src []byte, tmp string) ([]Event, []string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, []string{fmt.Sprintf("%s: %v", path, err)}
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, []string{fmt.Sprintf("%s: %v", path, err)}
	}
	events := filepath.Join(tmp, "events.jsonl")
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.python, "-X", "dev", r.harness, events, abs, runMode(src))
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = append(os.Environ(),
		"PYTHONASYNCIODEBUG=1",
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONIOENCODING=utf-8",
		"ASYNCLINT_HANG_BOUND="+strconv.FormatFloat(r.hangBound.Seconds(), 'f', -1, 64))
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	// On timeout the harness is asked where the case is (SIGUSR1), then killed.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGUSR1) }
	cmd.WaitDelay = 3 * time.Second
	runErr := cmd.Run()
	data, _ := os.ReadFile(events)
	evs, err := ParseEvents(data)
	if err != nil {
		return nil, []string{fmt.Sprintf("%s: reading the harness's events: %v", path, err)}
	}
	var problems []string
	done := false
	var kept []Event
	type key struct {
		kind, file string
		line       int
		detail     string
	}
	seen := map[key]bool{}
	for _, e := range evs {
		switch e.Kind {
		case "done":
			done = true
			continue
		case "harness-error":
			problems = append(problems, fmt.Sprintf("%s: harness: %s", path, e.Detail))
		}
		if e.File == abs {
			e.File = path
		}
		k := key{e.Kind, e.File, e.Line, e.Detail}
		if !seen[k] {
			seen[k] = true
			kept = append(kept, e)
		}
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		at := path
		for _, e := range kept {
			if e.Kind == "timeout" && e.Line > 0 {
				at = fmt.Sprintf("%s:%d", e.File, e.Line)
			}
		}
		problems = append(problems, fmt.Sprintf("%s: the case did not finish within %v%s", at, r.timeout, tail(output.Bytes())))
	case !done:
		problems = append(problems, fmt.Sprintf("%s: the harness stopped before the end (%v)%s", path, runErr, tail(output.Bytes())))
	}
	return kept, problems
}

// tail is the end of a process's output, to explain a failure.
func tail(out []byte) string {
	out = bytes.TrimSpace(out)
	if len(out) == 0 {
		return ""
	}
	if len(out) > 1500 {
		out = out[len(out)-1500:]
	}
	return "\n\t" + string(bytes.ReplaceAll(out, []byte("\n"), []byte("\n\t")))
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
