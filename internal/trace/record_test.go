package trace

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/verify"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
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

func lineOf(t *testing.T, path, text string) int {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", path, text)
	return 0
}

func hasEvent(evs []verify.Event, kind, file string, line int) bool {
	return slices.ContainsFunc(evs, func(e verify.Event) bool { return e.Kind == kind && e.File == file && e.Line == line })
}

// TestRecordChildrenAndKill: a child Python process records too, a child
// killed with SIGKILL still leaves what it recorded, and the command's exit
// status is its own.
func TestRecordChildrenAndKill(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"parent.py": `import asyncio, subprocess, sys, time

async def main():
    time.sleep(0.01)  # blocks

asyncio.run(main())
subprocess.run([sys.executable, "child.py"])
sys.exit(3)
`,
		"child.py": `import asyncio, gc, os, signal

async def work():
    pass

def drop():
    work()  # dropped

drop()
gc.collect()
os.kill(os.getpid(), signal.SIGKILL)
`,
	})
	t.Chdir(dir)
	var out bytes.Buffer
	rec, err := Record(Options{Command: []string{"python3", "parent.py"}, Roots: []string{"."}, HangBound: 2 * time.Second, Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	if rec.ExitCode != 3 {
		t.Errorf("exit code %d, want the command's 3", rec.ExitCode)
	}
	if rec.Processes != 2 {
		t.Errorf("%d processes recorded, want 2 (parent and child)", rec.Processes)
	}
	parent, child := filepath.Join(dir, "parent.py"), filepath.Join(dir, "child.py")
	if !hasEvent(rec.Events, "blocking-in-coroutine", parent, lineOf(t, parent, "# blocks")) {
		t.Errorf("no blocking-in-coroutine event at parent.py's time.sleep in %+v", rec.Events)
	}
	if !hasEvent(rec.Events, "never-awaited", child, lineOf(t, child, "# dropped")) {
		t.Errorf("no never-awaited event of the killed child in %+v", rec.Events)
	}
	if len(rec.Problems) > 0 {
		t.Errorf("problems: %v\n%s", rec.Problems, out.String())
	}
}

// TestRecordLeavesTheProgramAlone: what a program can see of itself —
// sys.path, the sitecustomize it ships, the coroutine origin tracking
// depth, the lock type, the warning filters, asyncio's debug mode, a
// never-awaited warning's text — is the same with the recorder and without.
func TestRecordLeavesTheProgramAlone(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"site/sitecustomize.py": "import os\nos.environ['SHIPPED_SITECUSTOMIZE'] = 'ran'\n",
		"probe.py": `import asyncio, os, sys, threading, warnings

print(os.environ.get("SHIPPED_SITECUSTOMIZE"))
print([p for p in sys.path])
print(sys.get_coroutine_origin_tracking_depth())
print(type(threading.Lock()), threading.Lock)
print(warnings.filters)

async def work():
    pass

async def main():
    print(asyncio.get_running_loop().get_debug())
    work()

asyncio.run(main())
`,
	})
	t.Chdir(dir)
	env := append(os.Environ(), "PYTHONPATH="+filepath.Join(dir, "site"))
	t.Setenv("PYTHONPATH", filepath.Join(dir, "site"))
	plain := exec.Command("python3", "probe.py")
	plain.Env = env
	want, err := plain.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, want)
	}
	if !strings.HasPrefix(string(want), "ran\n") || !strings.Contains(string(want), "was never awaited") {
		t.Fatalf("the probe did not run as intended:\n%s", want)
	}
	var got bytes.Buffer
	rec, err := Record(Options{Command: []string{"python3", "probe.py"}, Roots: []string{"."}, HangBound: 2 * time.Second, Stdout: &got, Stderr: &got})
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the program saw itself differently under the recorder:\nwithout:\n%s\nwith:\n%s", want, got.String())
	}
	if !hasEvent(rec.Events, "never-awaited", filepath.Join(dir, "probe.py"), lineOf(t, "probe.py", "    work()")) {
		t.Errorf("the recorder did not see the dropped coroutine: %+v", rec.Events)
	}
}

func TestRecordCommandNotFound(t *testing.T) {
	_, err := Record(Options{Command: []string{filepath.Join(t.TempDir(), "no-such-command")}, Roots: []string{"."}})
	if !errors.Is(err, ErrStart) {
		t.Errorf("err = %v, want ErrStart", err)
	}
}

// TestRecordObservingKinds: the observing mode records what README's
// "What the recorder sees" lists, at the project line each rule points at.
func TestRecordObservingKinds(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"kinds.py": `import asyncio, concurrent.futures, contextvars

request_id = contextvars.ContextVar("request_id", default=None)

def handle():
    return request_id.get()

async def refresh():
    pass

async def work():
    return 1

async def main():
    loop = asyncio.get_running_loop()
    request_id.set("r1")
    await loop.run_in_executor(None, handle)  # hop
    loop.call_soon(refresh)  # registered
    await asyncio.sleep(0.01)
    with concurrent.futures.ThreadPoolExecutor() as pool:
        try:
            await pool.submit(handle)  # awaited future
        except TypeError:
            pass
    c = work()
    await c
    try:
        await c  # reused
    except RuntimeError:
        pass

asyncio.run(main())
`,
	})
	t.Chdir(dir)
	var out bytes.Buffer
	rec, err := Record(Options{Command: []string{"python3", "kinds.py"}, Roots: []string{"."}, HangBound: 2 * time.Second, Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	if rec.ExitCode != 0 {
		t.Fatalf("exit %d:\n%s", rec.ExitCode, out.String())
	}
	file := filepath.Join(dir, "kinds.py")
	for _, w := range []struct{ kind, marker, detail string }{
		{"context-lost", "# hop", "request_id"},
		{"coroutine-callback", "# registered", "refresh"},
		{"exception", "# awaited future", "can't be used in 'await' expression"},
		{"exception", "# reused", "cannot reuse already awaited coroutine"},
	} {
		line := lineOf(t, file, w.marker)
		if !slices.ContainsFunc(rec.Events, func(e verify.Event) bool {
			return e.Kind == w.kind && e.File == file && e.Line == line && strings.Contains(e.Detail, w.detail)
		}) {
			t.Errorf("no %s event at kinds.py:%d (%s) in %+v", w.kind, line, w.detail, rec.Events)
		}
	}
}

// TestRecordFailureStaysInside: when the recorder's own work fails (here:
// describing an exception whose __str__ raises), the program does not see
// it.
func TestRecordFailureStaysInside(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"odd.py": `import asyncio

class Odd(TypeError):
    def __str__(self):
        raise ValueError("no text")

async def main():
    try:
        raise Odd()
    except Odd:
        print("caught")

asyncio.run(main())
`,
	})
	t.Chdir(dir)
	var out bytes.Buffer
	rec, err := Record(Options{Command: []string{"python3", "odd.py"}, Roots: []string{"."}, HangBound: 2 * time.Second, Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	if rec.ExitCode != 0 || out.String() != "caught\n" {
		t.Errorf("exit %d, output %q; want 0 and the program's own \"caught\"", rec.ExitCode, out.String())
	}
	if !slices.ContainsFunc(rec.Events, func(e verify.Event) bool { return e.Kind == "harness-error" }) {
		t.Errorf("the recorder's failure was not recorded: %+v", rec.Events)
	}
}
