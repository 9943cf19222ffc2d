package verify

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func testOptions() Options {
	return Options{Jobs: 2, Timeout: 60 * time.Second, HangBound: time.Second, Python: "python3"}
}

// copyCase copies a sample into a fresh directory, editing it on the way.
func copyCase(t *testing.T, from, to string, edit func(string) string) string {
	t.Helper()
	src, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(string(src))
	if out == string(src) {
		t.Fatalf("the edit of %s changed nothing", from)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return to
}

func lineOf(t *testing.T, path, text string) int {
	t.Helper()
	src, _ := os.ReadFile(path)
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", path, text)
	return 0
}

func runMain(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := Main(append([]string{"-j", "2", "-hang", "1s"}, args...), &out, &errs)
	return code, out.String() + errs.String()
}

// TestSamples: every sample expectation is confirmed by the runtime, and
// the table names each rule the samples cover.
func TestSamples(t *testing.T) {
	requirePython(t)
	t.Parallel()
	if testing.Short() {
		t.Skip("runs Python and go test -race")
	}
	code, out := runMain(t, "testdata")
	if code != 0 {
		t.Fatalf("verify testdata exited %d:\n%s", code, out)
	}
	for _, rule := range []string{"AL101", "AL102", "AL103", "AL104", "AL105", "AL151", "AL152", "AL153", "AL154", "AL201", "AL202", "AL203", "AL204", "AL251", "AL301", "AL302", "AL303", "AL304", "AL305", "AL306", "AL352", "AL401", "AL402", "AL403", "AL404"} {
		if !regexp.MustCompile(`(?m)^\s*` + rule + `\s+[1-9]\d*\s+0\s+0\s+0\s*$`).MatchString(out) {
			t.Errorf("no verified row for %s in:\n%s", rule, out)
		}
	}
	for _, rule := range []string{"AL405"} {
		if !regexp.MustCompile(`(?m)^\s*` + rule + `\s+0\s+1\s+0\s+0\s*$`).MatchString(out) {
			t.Errorf("no static-only row for %s in:\n%s", rule, out)
		}
	}
}

// TestPlantedWant: a want on a line the runtime is silent about fails,
// naming the file and line.
func TestPlantedWant(t *testing.T) {
	requirePython(t)
	t.Parallel()
	dir := t.TempDir()
	p := copyCase(t, "testdata/clean/clean.py", filepath.Join(dir, "planted.py"), func(s string) string {
		return strings.Replace(s, "async with asyncio.Lock():", "async with asyncio.Lock():  # want: AL105", 1)
	})
	code, out := runMain(t, p)
	line := lineOf(t, p, "# want: AL105")
	if code != 1 || !strings.Contains(out, p+":"+itoa(line)+": AL105 unconfirmed") {
		t.Fatalf("exit %d, want 1 naming %s:%d:\n%s", code, p, line, out)
	}
}

// TestPlantedBug: a bug planted in a clean case fails, naming its line.
func TestPlantedBug(t *testing.T) {
	requirePython(t)
	t.Parallel()
	dir := t.TempDir()
	for _, bug := range []struct{ name, says, line string }{
		{"never_awaited.py", "AL101 unexpected", "    asyncio.sleep(0)"},
		{"blocking.py", "AL201 unexpected", "    __import__('time').sleep(0.01)"},
		{"no_await.py", "AL401 unexpected", "    await __import__('concurrent.futures').futures.Future()"},
		{"dropped_task.py", "AL102 unexpected", "    asyncio.create_task(asyncio.Event().wait())"},
		{"crash.py", "the case ended with an uncaught TypeError", "    1 + ''"},
	} {
		t.Run(bug.name, func(t *testing.T) {
			t.Parallel()
			p := copyCase(t, "testdata/clean/clean.py", filepath.Join(dir, bug.name), func(s string) string {
				return strings.Replace(s, "async def main():\n", "async def main():\n"+bug.line+"\n", 1)
			})
			code, out := runMain(t, p)
			want := p + ":" + itoa(lineOf(t, p, bug.line)) + ": " + bug.says
			if code != 1 || !strings.Contains(out, want) {
				t.Errorf("exit %d, want 1 and %q:\n%s", code, want, out)
			}
		})
	}
}

// TestGoPlanted: in Go, a leak planted in a clean package, and a want
// planted on a line that does not leak, both fail with file:line.
func TestGoPlanted(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go test -race")
	}
	root := t.TempDir()
	leaky := copyCase(t, "testdata/go/src/leaks/clean/clean.go", filepath.Join(root, "src/planted/leaky/clean.go"), func(s string) string {
		return strings.Replace(s, "make(chan int, 1)", "make(chan int)", 1)
	})
	wanted := copyCase(t, "testdata/go/src/leaks/sendleak/sendleak.go", filepath.Join(root, "src/planted/wanted/sendleak.go"), func(s string) string {
		return strings.Replace(s, "ch := make(chan int)", "ch := make(chan int) // want \"AL151\"", 1)
	})
	code, out := runMain(t, root)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		leaky + ":" + itoa(lineOf(t, leaky, "ch <- work()")) + ": AL151 unexpected",
		wanted + ":" + itoa(lineOf(t, wanted, "ch := make(chan int)")) + ": AL151 unconfirmed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, wanted+":"+itoa(lineOf(t, wanted, "ch <- work()"))+": AL151 unconfirmed") {
		t.Errorf("the real leak was not confirmed:\n%s", out)
	}
}

// TestRepositoryTestdata runs verify over the repository's testdata, as CI
// does. Failures are compared with a reviewed list, so a case that starts
// failing, or a known failure that is fixed, both fail the test.
func TestRepositoryTestdata(t *testing.T) {
	requirePython(t)
	t.Parallel()
	if testing.Short() {
		t.Skip("runs every case")
	}
	const root = "../../testdata"
	if _, err := os.Stat(root); err != nil {
		t.Skip("no repository testdata")
	}
	results, err := Run(context.Background(), testOptions(), []string{root})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range results {
		for _, p := range r.Problems {
			t.Errorf("%s", p)
		}
		for _, f := range r.Findings {
			if f.Outcome == Unconfirmed || f.Outcome == Unexpected {
				key := strings.TrimPrefix(f.Path, root+"/") + ":" + itoa(f.Line) + ": " + f.Code + " " + f.Outcome.String()
				got[key] = true
				if _, ok := knownFailures[key]; !ok {
					t.Errorf("%s", f)
				}
			}
		}
	}
	for key, why := range knownFailures {
		if !got[key] {
			t.Errorf("%s no longer fails (%s): remove it from knownFailures", key, why)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestTimeout: a case that never ends fails, naming the line it was stuck on.
func TestTimeout(t *testing.T) {
	requirePython(t)
	t.Parallel()
	p := copyCase(t, "testdata/clean/clean.py", filepath.Join(t.TempDir(), "spin.py"), func(s string) string {
		return strings.Replace(s, "async def main():\n", "async def main():\n    while True:\n        pass\n", 1)
	})
	// The bound leaves a loaded machine time to start the interpreter and
	// reach the loop; the case spins forever, so any bound is hit.
	code, out := runMain(t, "-timeout", "8s", p)
	// The loop's line or its body's: CPython reports either.
	loop, body := itoa(lineOf(t, p, "while True:")), itoa(lineOf(t, p, "        pass"))
	re := regexp.MustCompile(regexp.QuoteMeta(p) + ":(" + loop + "|" + body + "): the case did not finish within 8s")
	if code != 1 || !re.MatchString(out) {
		t.Fatalf("exit %d, want 1 and %s:\n%s", code, re, out)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-nosuchflag"}, {"no/such/dir"}, {t.TempDir()}} {
		if code, out := runMain(t, args...); code != 2 {
			t.Errorf("verify %v exited %d, want 2:\n%s", args, code, out)
		}
	}
}
