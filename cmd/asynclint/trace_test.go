package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// debianPython is the interpreter Debian's python3-pytest and
// python3-pytest-asyncio install for.
const debianPython = "/usr/bin/python3"

// requirePytest skips (fails under CI=true) when debianPython cannot import
// pytest and pytest_asyncio.
func requirePytest(t *testing.T) {
	t.Helper()
	out, err := exec.Command(debianPython, "-c", "import pytest, pytest_asyncio").CombinedOutput()
	if err == nil {
		return
	}
	msg := fmt.Sprintf("%s cannot import pytest and pytest_asyncio (apt-get install -y python3-pytest python3-pytest-asyncio): %v %s", debianPython, err, out)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// shopDir is the trace fixture: a small service with a pytest suite.
const shopDir = "../../internal/trace/testdata/shop"

type traceFinding struct {
	file, line, code, runtime string // line: a substring of the finding's line
}

type jsonFinding struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Code    string `json:"code"`
	Runtime string `json:"runtime"`
	Related []struct {
		Path string `json:"path"`
		Line int    `json:"line"`
	} `json:"related"`
}

func shopLine(t *testing.T, file, text string) int {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, text)
	return 0
}

// TestTracePytest: `asynclint trace -- python3 -m pytest` over the shop's
// suite confirms the four bugs the tests run through, leaves the one in
// untested code unconfirmed, and reports the blocking call the static side
// cannot see (a strategy looked up with getattr, run by the C `sum`) as
// runtime-only with its stack; the command's output is pytest's, the
// report goes to --output-file, and the exit code is the report's.
func TestTracePytest(t *testing.T) {
	requirePytest(t)
	t.Chdir(shopDir)
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	report := filepath.Join(t.TempDir(), "report.json")
	record := filepath.Join(t.TempDir(), "trace.json")
	args := []string{"trace", "--format", "json", "--output-file", report, "--trace-file", record, "--", debianPython, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_shop.py"}
	code, out, errs := runCLI(args...)
	if code != 1 {
		t.Errorf("exit %d, want 1 (findings)\nstderr: %s", code, errs)
	}
	if !strings.Contains(out, "5 passed") || strings.Contains(out, `"diagnostics"`) {
		t.Errorf("standard output should be pytest's alone:\n%s", out)
	}
	if !strings.Contains(errs, "the command exited with status 0") {
		t.Errorf("stderr does not give the command's status:\n%s", errs)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct{ Diagnostics []jsonFinding }
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	want := []traceFinding{
		{"shop/orders.py", `self.audit.record("order-placed"`, "AL101", "confirmed"},    // forgotten await
		{"shop/catalog.py", "price = _load_price(sku)", "AL202", "confirmed"},           // two helpers below the handler
		{"shop/notify.py", "asyncio.create_task(self._deliver", "AL102", "confirmed"},   // dropped task
		{"shop/stock.py", "return asyncio.run(fetch_level(sku))", "AL304", "confirmed"}, // a loop inside the running loop
		{"shop/reports.py", "time.sleep(1)", "AL201", ""},                               // no test runs it
		{"shop/pricing.py", "return sum(round_price(p)", "AL202", "runtime-only"},       // getattr + C-level sum
	}
	checkFindings(t, rep.Diagnostics, want)
	for _, d := range rep.Diagnostics {
		if d.Runtime != "runtime-only" {
			continue
		}
		sleep := shopLine(t, "shop/rounding.py", "time.sleep(0.001)")
		found := false
		for _, r := range d.Related {
			found = found || (r.Path == "shop/rounding.py" && r.Line == sleep)
		}
		if !found {
			t.Errorf("the runtime-only finding's stack lacks shop/rounding.py:%d (the time.sleep): %+v", sleep, d.Related)
		}
	}

	// The runtime record names the project files its events are in.
	data, err = os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct{ Files map[string]string }
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"shop/orders.py", "shop/catalog.py", "shop/notify.py", "shop/stock.py", "shop/rounding.py"} {
		abs, _ := filepath.Abs(f)
		if len(rec.Files[abs]) != 64 {
			t.Errorf("the runtime record has no content hash of %s: %v", abs, rec.Files)
		}
	}

	// --exit-zero: the same report, exit 0.
	args = append([]string{"trace", "--exit-zero", "--no-trace-file", "--output-file", report}, args[7:]...)
	if code, _, errs := runCLI(args...); code != 0 {
		t.Errorf("--exit-zero: exit %d\n%s", code, errs)
	}
}

func checkFindings(t *testing.T, got []jsonFinding, want []traceFinding) {
	t.Helper()
	seen := map[string]bool{}
	for _, w := range want {
		line := shopLine(t, w.file, w.line)
		key := fmt.Sprintf("%s:%d %s", w.file, line, w.code)
		seen[key] = true
		ok := false
		for _, d := range got {
			if d.Path == w.file && d.Line == line && d.Code == w.code {
				ok = true
				if d.Runtime != w.runtime {
					t.Errorf("%s: runtime %q, want %q", key, d.Runtime, w.runtime)
				}
			}
		}
		if !ok {
			t.Errorf("%s: not reported", key)
		}
	}
	for _, d := range got {
		if key := fmt.Sprintf("%s:%d %s", d.Path, d.Line, d.Code); !seen[key] {
			t.Errorf("unexpected finding %s (runtime %q)", key, d.Runtime)
		}
	}
}

// TestTraceUnittestAndScript: unittest's IsolatedAsyncioTestCase and a plain
// `python3 app.py` are traced the same way (text and SARIF reports).
func TestTraceUnittestAndScript(t *testing.T) {
	requirePytest(t) // the shop's tests import pytest
	t.Chdir(shopDir)
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	code, out, errs := runCLI("trace", "--no-trace-file", "--", debianPython, "-m", "unittest", "discover", "-s", "tests", "-p", "test_unittest_style.py")
	if code != 1 || !strings.Contains(errs, "Ran 2 tests") {
		t.Fatalf("unittest: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{
		fmt.Sprintf("shop/notify.py:%d:9: ", shopLine(t, "shop/notify.py", "asyncio.create_task(")),
		fmt.Sprintf("shop/catalog.py:%d:13: ", shopLine(t, "shop/catalog.py", "price = _load_price(sku)")),
	} {
		if !strings.Contains(out, want) || !strings.Contains(strings.SplitAfter(out[strings.Index(out, want):], "\n")[0], "[runtime: confirmed]") {
			t.Errorf("unittest: no confirmed finding at %s in\n%s", want, out)
		}
	}
	if strings.Contains(out, "shop/orders.py") && strings.Contains(out, "(AL101) [runtime") {
		t.Errorf("unittest: the orders bug is not run by these tests, yet:\n%s", out)
	}

	report := filepath.Join(t.TempDir(), "report.sarif")
	code, out, errs = runCLI("trace", "--no-trace-file", "--format", "sarif", "--output-file", report, "--", "python3", "app.py", "pear", "2")
	if code != 1 || out != "placed 2 x pear\n" {
		t.Fatalf("app.py: exit %d, stdout %q\n%s", code, out, errs)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string         `json:"ruleId"`
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	confirmed := map[string]int{}
	for _, r := range log.Runs[0].Results {
		if r.Properties["runtime"] == "confirmed" {
			confirmed[r.RuleID]++
		}
	}
	if len(confirmed) != 1 || confirmed["AL101"] != 1 {
		t.Errorf("app.py: confirmed results %v, want the AL101 of orders.py alone", confirmed)
	}
}

func TestTraceUsage(t *testing.T) {
	if code, _, errs := runCLI("trace", "."); code != 2 || !strings.Contains(errs, "no command") {
		t.Errorf("no command: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI("trace", "--", filepath.Join(t.TempDir(), "missing")); code != 2 || !strings.Contains(errs, "did not start") {
		t.Errorf("missing command: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI("trace", "-h"); code != 0 || !strings.Contains(errs, "usage: asynclint trace") || !strings.Contains(errs, "-output-file") {
		t.Errorf("-h: exit %d, %s", code, errs)
	}
	var out bytes.Buffer
	if code := run([]string{"trace", "--fix", "--", "true"}, &out, &out); code != 2 {
		t.Errorf("--fix: exit %d, want 2", code)
	}
}

// TestCheckOutputFile: check writes its report to --output-file and
// nothing to standard output.
func TestCheckOutputFile(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.py", buggy)
	report := filepath.Join(dir, "out.txt")
	code, out, _ := runCLI("check", "--no-config", "--output-file", report, bad)
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 || out != "" || !strings.Contains(string(data), "bad.py:7:5: coroutine `f` is created but never awaited") {
		t.Errorf("exit %d, stdout %q, file %q", code, out, data)
	}
}
