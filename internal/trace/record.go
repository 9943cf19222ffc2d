package trace

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/asynclint/asynclint/internal/verify"
)

//go:embed sitecustomize.py
var siteCustomize []byte

// Options say what to run and what the project is.
type Options struct {
	Command []string // the command and its arguments
	// Roots are the project's files and directories: a frame in one of
	// them is the project's (events are attributed to project lines).
	Roots     []string
	HangBound time.Duration // a blocking call on the loop's thread longer than this is a hang
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
}

// Recording is what one traced run left.
type Recording struct {
	Events    []verify.Event // deduplicated, in the order the processes wrote them
	Processes int            // Python processes that recorded
	Problems  []string       // processes where the recorder could not install
	ExitCode  int            // the command's (-1: killed by a signal)
}

// ErrStart is returned when the command could not be started.
var ErrStart = errors.New("the command did not start")

// Record runs the command with the recorder installed in every Python
// process it starts: a sitecustomize.py, in a temporary directory this run
// owns, put first on PYTHONPATH. The command's input and output pass
// through; each process appends its events to its own file as they happen,
// so a command that crashes or is killed leaves what it recorded. While the
// command runs, an interrupt (Ctrl-C reaches the whole process group) is
// left to the command, and a termination is passed on to it, so that the
// report is still written.
func Record(o Options) (*Recording, error) {
	if len(o.Command) == 0 {
		return nil, fmt.Errorf("no command to run")
	}
	dir, err := os.MkdirTemp("", "asynclint-trace-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := verify.WriteRecorder(dir); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "sitecustomize.py"), siteCustomize, 0o644); err != nil {
		return nil, err
	}
	var roots []string
	for _, r := range o.Roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, err
		}
		roots = append(roots, abs)
	}
	cmd := exec.Command(o.Command[0], o.Command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = o.Stdin, o.Stdout, o.Stderr
	cmd.Env = traceEnv(os.Environ(), dir, roots, o.HangBound)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(signals)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStart, err)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-signals:
				if s != os.Interrupt {
					cmd.Process.Signal(s)
				}
			case <-done:
				return
			}
		}
	}()
	waitErr := cmd.Wait()
	close(done)
	rec := &Recording{ExitCode: cmd.ProcessState.ExitCode()}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) {
		return nil, waitErr
	}
	if err := rec.read(dir); err != nil {
		return nil, err
	}
	return rec, nil
}

// traceEnv is the command's environment: the trace directory first on
// PYTHONPATH, and the recorder's settings.
func traceEnv(env []string, dir string, roots []string, hang time.Duration) []string {
	pythonPath := dir
	out := make([]string, 0, len(env)+4)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "PYTHONPATH":
			if v != "" {
				pythonPath += string(os.PathListSeparator) + v
			}
			continue
		case "ASYNCLINT_TRACE_DIR", "ASYNCLINT_TRACE_ROOTS", "ASYNCLINT_HANG_BOUND":
			continue
		}
		out = append(out, kv)
	}
	return append(out,
		"PYTHONPATH="+pythonPath,
		"ASYNCLINT_TRACE_DIR="+dir,
		"ASYNCLINT_TRACE_ROOTS="+strings.Join(roots, string(os.PathListSeparator)),
		"ASYNCLINT_HANG_BOUND="+strconv.FormatFloat(hang.Seconds(), 'f', -1, 64))
}

// read collects every process's events (each process's file, by name) and
// the recorder's installation errors. A file cut short by a killed process
// keeps its complete lines.
func (r *Recording) read(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	type key struct {
		kind, file string
		line       int
		detail     string
	}
	seen := map[key]bool{}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(name, "errors-"):
			for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				r.Problems = append(r.Problems, "the recorder did not install in "+l)
			}
		case strings.HasPrefix(name, "events-") && strings.HasSuffix(name, ".jsonl"):
			r.Processes++
			data = data[:strings.LastIndexByte(string(data), '\n')+1]
			evs, err := verify.ParseEvents(data)
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			for _, e := range evs {
				k := key{e.Kind, e.File, e.Line, e.Detail}
				if !seen[k] {
					seen[k] = true
					r.Events = append(r.Events, e)
				}
			}
		}
	}
	return nil
}
