package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// infoOnly has one finding, at info: a file-system metadata call.
const infoOnly = "import os\n\nasync def f(p):\n    return os.path.exists(p)\n"

func TestMinSeverity(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "meta.py", infoOnly)
	for _, format := range []string{"text", "json", "sarif", "github"} {
		code, out, _ := runCLI("check", "--no-config", "--format", format, p)
		if code != 0 || strings.Contains(out, "os.path.exists") {
			t.Errorf("%s, default: exit %d, output shows the info finding:\n%s", format, code, out)
		}
		code, out, _ = runCLI("check", "--no-config", "--format", format, "--min-severity", "info", p)
		if code != 1 || !strings.Contains(out, "os.path.exists") {
			t.Errorf("%s, --min-severity info: exit %d, output:\n%s", format, code, out)
		}
	}
	if code, out, _ := runCLI("check", "--no-config", "--format", "github", "--min-severity", "info", p); code != 1 || !strings.HasPrefix(out, "::notice ") {
		t.Errorf("github: info is a notice: exit %d, %q", code, out)
	}
	// A warning is hidden by --min-severity error, and the exit code follows.
	bad := write(t, dir, "sleep.py", "import time\n\nasync def f():\n    time.sleep(1)\n")
	if code, out, _ := runCLI("check", "--no-config", "--min-severity", "error", bad); code != 0 || out != "" {
		t.Errorf("--min-severity error over a warning: exit %d, %q", code, out)
	}
	if code, _, errs := runCLI("check", "--no-config", "--min-severity", "hint", bad); code != 2 || !strings.Contains(errs, `--min-severity "hint"`) {
		t.Errorf("bad --min-severity: exit %d, %q", code, errs)
	}
	// min-severity in the configuration, and the flag over it.
	write(t, dir, "pyproject.toml", "[tool.asynclint]\nmin-severity = \"info\"\n")
	if code, out, _ := runCLI("check", p); code != 1 || !strings.Contains(out, "os.path.exists") {
		t.Errorf("min-severity = info in pyproject.toml: exit %d, %q", code, out)
	}
	if code, _, _ := runCLI("check", "--min-severity", "warning", p); code != 0 {
		t.Errorf("--min-severity warning over the configuration: exit %d", code)
	}
}

func TestTestProfile(t *testing.T) {
	dir := t.TempDir()
	src := "import time\n\nasync def f():\n    open('x').close()\n\nasync def g():\n    time.sleep(1)\n"
	write(t, dir, "tests/test_io.py", src)
	code, out, _ := runCLI("check", "--no-config", dir)
	if code != 1 || strings.Contains(out, ":4:") || !strings.Contains(out, "test_io.py:7:5: `time.sleep`") {
		t.Errorf("in tests, file data is info and sleeping a warning: exit %d\n%s", code, out)
	}
	write(t, dir, "pyproject.toml", "[tool.asynclint]\ntest-files = []\n")
	if _, out, _ := runCLI("check", dir); !strings.Contains(out, "test_io.py:4:5: `open`") {
		t.Errorf("test-files = [] turns the profile off:\n%s", out)
	}
}

// shared has one blocking helper reached from three coroutines.
const shared = `import time


def load(name):
    time.sleep(0.01)
    return name


async def a():
    return load("a")


async def b():
    return load("b")


async def c():
    return load("c")
`

func TestOneFindingPerRoot(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "shared.py", shared)
	code, out, _ := runCLI("check", "--no-config", p)
	want := "shared.py:5:5: `load` calls `time.sleep`, which blocks the event loop; 3 coroutines reach it (AL202)\n" +
		"    " + p + ":10:12: coroutine `a` reaches it here (a → load → time.sleep)\n" +
		"    " + p + ":14:12: coroutine `b` reaches it here (b → load → time.sleep)\n" +
		"    " + p + ":18:12: coroutine `c` reaches it here (c → load → time.sleep)\n"
	if code != 1 || !strings.HasSuffix(out, want) || strings.Count(out, "(AL202)") != 1 {
		t.Errorf("exit %d, got:\n%s\nwant:\n%s", code, out, want)
	}
	if _, out, _ := runCLI("check", "--no-config", "--all-sites", p); strings.Count(out, "(AL202)") != 3 || !strings.Contains(out, "shared.py:14:12: `load` blocks the event loop in coroutine `b`") {
		t.Errorf("--all-sites reports every site:\n%s", out)
	}
	// A noqa at one site removes that site; two sites remain a root.
	write(t, dir, "shared.py", strings.Replace(shared, `load("a")`, `load("a")  # noqa: AL202`, 1))
	if _, out, _ := runCLI("check", "--no-config", p); !strings.Contains(out, "2 coroutines reach it") || strings.Contains(out, ":10:12") {
		t.Errorf("noqa at a site:\n%s", out)
	}
	// A noqa at the root silences the group.
	write(t, dir, "shared.py", strings.Replace(shared, "time.sleep(0.01)", "time.sleep(0.01)  # noqa: AL202", 1))
	if code, out, _ := runCLI("check", "--no-config", p); code != 0 || out != "" {
		t.Errorf("noqa at the root: exit %d\n%s", code, out)
	}
	// JSON carries every site; text shows the first few.
	var many strings.Builder
	many.WriteString("import time\n\ndef load():\n    time.sleep(0.01)\n")
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&many, "\nasync def c%d():\n    load()\n", i)
	}
	p = write(t, dir, "many.py", many.String())
	_, out, _ = runCLI("check", "--no-config", p)
	if !strings.Contains(out, "8 coroutines reach it") || strings.Count(out, "reaches it here") != 5 || !strings.Contains(out, "… and 3 more") {
		t.Errorf("text output of a root with 8 sites:\n%s", out)
	}
	_, out, _ = runCLI("check", "--no-config", "--format", "json", p)
	var rep struct {
		Diagnostics []struct {
			Related []any `json:"related"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Diagnostics) != 1 || len(rep.Diagnostics[0].Related) != 8 {
		t.Errorf("json of a root with 8 sites: %v\n%s", err, out)
	}
}

func TestAddNoqa(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "shared.py", shared)
	meta := write(t, dir, "meta.py", infoOnly)
	code, out, _ := runCLI("check", "--no-config", "--add-noqa", dir)
	if code != 0 || out != "asynclint: added 1 suppressions to 1 files\n" {
		t.Errorf("--add-noqa: exit %d, %q", code, out)
	}
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), "    time.sleep(0.01)  # noqa: AL202\n") {
		t.Errorf("the root's line was not suppressed:\n%s", b)
	}
	if b, _ := os.ReadFile(meta); string(b) != infoOnly {
		t.Errorf("a hidden (info) finding was suppressed:\n%s", b)
	}
	if code, out, _ := runCLI("check", "--no-config", dir); code != 0 || out != "" {
		t.Errorf("after --add-noqa: exit %d\n%s", code, out)
	}
	if _, out, _ := runCLI("check", "--no-config", "--add-noqa", dir); out != "asynclint: added 0 suppressions to 0 files\n" {
		t.Errorf("second --add-noqa: %q", out)
	}
	if ents, _ := os.ReadDir(filepath.Dir(p)); len(ents) != 2 {
		t.Errorf("temporary files left behind: %v", ents)
	}
}
