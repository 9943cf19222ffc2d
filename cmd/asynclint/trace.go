package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/trace"
)

const traceUsage = `usage: asynclint trace [check flags] [paths...] -- command [arguments...]

Runs the command (for example "python3 -m pytest") with asynclint's runtime
recorder in every Python process it starts, then checks the paths (default
".") and joins the two: a finding the runtime saw happen is marked
"confirmed", and what the runtime saw that the static analysis did not find
is reported as "runtime-only", with the stack that led there.

The command's input, output and exit status are its own; asynclint's report
follows it on standard output (or goes to --output-file). The exit code is
the report's, as for check (0 clean, 1 findings, 0 with --exit-zero), or 2
when the command did not start or on a usage or configuration error; the
command's own exit status is printed on standard error.

The record of what the runtime saw is also written, atomically, to
--trace-file (default .asynclint/trace.json in the project directory: the
one holding the pyproject.toml found for the first path, else the current
directory), where "asynclint lsp" reads it to show the same marks in the
editor; --no-trace-file writes none.

The recorder is a sitecustomize.py in a temporary directory put first on
PYTHONPATH; it starts when a process first imports asyncio. Processes
started with python -I, -E or -S do not load it.

flags:
`

func traceCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("asynclint trace", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf checkFlags
	cf.register(fs)
	hang := fs.Duration("hang", 2*time.Second, "a blocking call on the event loop's thread longer than this is also reported as a hang")
	traceFile := fs.String("trace-file", "", "write the runtime record here for the language server (default .asynclint/trace.json in the project directory)")
	noTraceFile := fs.Bool("no-trace-file", false, "write no runtime record")
	fs.Usage = func() {
		fmt.Fprint(stderr, traceUsage)
		fs.PrintDefaults()
	}
	sep := slices.Index(args, "--")
	if sep < 0 {
		if slices.Contains(args, "-h") || slices.Contains(args, "-help") || slices.Contains(args, "--help") {
			fs.Usage()
			return 0
		}
		fmt.Fprintf(stderr, "asynclint trace: no command: put it after \"--\"\n\n")
		fs.Usage()
		return 2
	}
	command := args[sep+1:]
	paths, err := parseInterleaved(fs, args[:sep])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(command) == 0 {
		fmt.Fprintf(stderr, "asynclint trace: no command after \"--\"\n")
		return 2
	}
	if cf.fixFlags.enabled() || cf.addNoqa {
		fmt.Fprintf(stderr, "asynclint trace: --fix, --unsafe-fixes, --diff and --add-noqa are check's; run check after the trace\n")
		return 2
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(stderr, "asynclint trace: %v\n", err)
			return 2
		}
	}
	rec, err := trace.Record(trace.Options{Command: command, Roots: paths, HangBound: *hang, Stdin: stdin, Stdout: stdout, Stderr: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "asynclint trace: %v\n", err)
		return 2
	}
	for _, p := range rec.Problems {
		fmt.Fprintf(stderr, "asynclint trace: warning: %s\n", p)
	}
	status := fmt.Sprintf("exited with status %d", rec.ExitCode)
	if rec.ExitCode < 0 {
		status = "was killed by a signal"
	}
	fmt.Fprintf(stderr, "asynclint trace: the command %s; %d Python processes recorded %d runtime events\n", status, rec.Processes, len(rec.Events))
	if rec.Processes == 0 {
		fmt.Fprintf(stderr, "asynclint trace: warning: no Python process recorded: the recorder starts when a process imports asyncio (python -I, -E and -S skip it)\n")
	}
	if !*noTraceFile {
		writeTraceFile(rec, command, paths, *traceFile, stderr)
	}
	j := trace.Joiner{Events: rec.Events, Roots: paths, Analyzers: driver.Analyzers()}
	return runCheck(cf, paths, j.Join, stdout, stderr)
}

// writeTraceFile leaves the runtime record where the language server looks
// for it (or at path). A failure is a warning: the report still follows.
func writeTraceFile(rec *trace.Recording, command, paths []string, path string, stderr io.Writer) {
	if path == "" {
		path = trace.DefaultFile(paths[0], ".")
	}
	if err := trace.NewFile(rec, command, paths).Write(path); err != nil {
		fmt.Fprintf(stderr, "asynclint trace: warning: the runtime record was not written: %v\n", err)
	}
}
