package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const buggy = "import asyncio\n\nasync def f():\n    pass\n\nasync def g():\n    f()\n"

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.py", buggy)
	clean := write(t, dir, "clean.py", "import asyncio\n\nasync def f():\n    await asyncio.sleep(0)\n")
	if code, out, _ := runCLI("check", "--no-config", bad); code != 1 || !strings.Contains(out, "bad.py:7:5: coroutine `f` is created but never awaited") || !strings.Contains(out, "(AL101)") {
		t.Errorf("buggy file: exit %d, output %q", code, out)
	}
	if code, out, _ := runCLI("check", "--no-config", clean); code != 0 || out != "" {
		t.Errorf("clean file: exit %d, output %q", code, out)
	}
	if code, _, errs := runCLI("check", "--no-such-flag", clean); code != 2 || !strings.Contains(errs, "no-such-flag") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI("check", "--no-config", "--exit-zero", bad); code != 0 {
		t.Errorf("--exit-zero: exit %d", code)
	}
	if code, out, _ := runCLI("check", "--no-config", "--ignore", "AL1", bad); code != 0 || out != "" {
		t.Errorf("--ignore AL1: exit %d, %q", code, out)
	}
	if code, _, _ := runCLI("check", "--no-config", "--select", "AL101", bad); code != 1 {
		t.Errorf("--select AL101: exit %d", code)
	}
	if code, _, errs := runCLI("check", "--select", "XX1", bad); code != 2 || !strings.Contains(errs, "XX1") {
		t.Errorf("bad --select: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI("frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
}

func TestJSONFormat(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.py", buggy)
	code, out, _ := runCLI("check", "--no-config", "--format", "json", bad)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Diagnostics []map[string]any `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %v", rep.Diagnostics)
	}
	d := rep.Diagnostics[0]
	for _, k := range []string{"path", "line", "column", "end_line", "end_column", "code", "analyzer", "severity", "message", "url", "related", "fixes"} {
		if _, ok := d[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if d["line"].(float64) != 7 || d["column"].(float64) != 5 || d["code"] != "AL101" || d["severity"] != "error" {
		t.Errorf("diagnostic = %v", d)
	}
}

func TestSuppressionsAndConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pyproject.toml", "[tool.asynclint]\nignore = [\"AL102\"]\nper-file-ignores = {\"legacy_*.py\" = [\"AL1\"]}\n")
	write(t, dir, "a.py", "import asyncio\nasync def f(): pass\nasync def g():\n    f()  # noqa: AL101\n    f()  # asynclint: ignore[AL101] -- tested elsewhere\n    asyncio.create_task(f())\n    await f()  # noqa: AL101\n")
	write(t, dir, "legacy_b.py", buggy)
	code, out, errs := runCLI("check", dir)
	if code != 1 {
		t.Fatalf("exit %d, out %q, err %q", code, out, errs)
	}
	// Only the stale suppression on line 7 remains.
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "a.py:7:") || !strings.Contains(lines[0], "AL002") {
		t.Fatalf("output = %q", out)
	}
}

func TestBadConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pyproject.toml", "[tool.asynclint]\nselect = [\"AL1\"\nignore = 3\n")
	write(t, dir, "a.py", buggy)
	code, _, errs := runCLI("check", dir)
	if code != 2 || !strings.Contains(errs, "pyproject.toml:") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	write(t, dir, "pyproject.toml", "[tool.asynclint]\ntarget-versoin = \"py311\"\n")
	code, _, errs = runCLI("check", dir)
	if code != 2 || !strings.Contains(errs, "pyproject.toml:2: unknown setting") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func TestBadFilesWarnAndContinue(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bin.py", "\x00\x01\x02")
	write(t, dir, "latin.py", "x = '\xe9'\n")
	write(t, dir, "broken.py", "import asyncio\nasync def f(:\n    pass\nasync def g():\n    asyncio.sleep(1)\n")
	write(t, dir, "bad.py", buggy)
	code, out, errs := runCLI("check", "--no-config", dir)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"bin.py: binary file", "latin.py: not valid UTF-8"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q: %q", want, errs)
		}
	}
	for _, want := range []string{"broken.py:2:", "(AL001)", "broken.py:5:5: coroutine `asyncio.sleep`", "bad.py:7:5"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %q", want, out)
		}
	}
	if strings.Count(out, "AL001") != 1 {
		t.Errorf("syntax error reported more than once: %q", out)
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := runCLI("rules")
	if code != 0 || !strings.Contains(out, "AL101") || !strings.Contains(out, "unawaited-coroutine") {
		t.Fatalf("rules: %d %q", code, out)
	}
	code, out, _ = runCLI("explain", "AL101")
	if code != 0 || !strings.Contains(out, "### Why is this bad?") {
		t.Fatalf("explain: %d %q", code, out)
	}
	if code, _, _ := runCLI("explain", "AL999"); code != 2 {
		t.Fatalf("explain unknown: %d", code)
	}
}

// TestStrictInputs: what a CI job names must exist, and codes must name
// rules; each error names the culprit and exits 2.
func TestStrictInputs(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.py", buggy)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--no-config", bad, filepath.Join(dir, "typo.py")}, "typo.py: no such file or directory"},
		{[]string{"check", "--no-config", filepath.Join(dir, "srcc")}, "srcc: no such file or directory"},
		{[]string{"check", "--no-config", "--select", "AL999", bad}, "--select: AL999 is not the code or prefix of any rule"},
		{[]string{"check", "--no-config", "--ignore", "AL9", bad}, "--ignore: AL9 is not the code or prefix of any rule"},
	} {
		code, _, errs := runCLI(tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
	if os.Getuid() != 0 { // root reads anything
		unreadable := write(t, dir, "secret.py", buggy)
		os.Chmod(unreadable, 0)
		if code, _, errs := runCLI("check", "--no-config", unreadable); code != 2 || !strings.Contains(errs, "secret.py: permission denied") {
			t.Errorf("unreadable file: exit %d, stderr %q", code, errs)
		}
	}
	// Prefixes of real codes stay valid.
	if code, _, errs := runCLI("check", "--no-config", "--select", "AL1,AL10", bad); code != 1 {
		t.Errorf("--select AL1,AL10: exit %d, %q", code, errs)
	}
}

func TestConfigErrorsInUserTerms(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", buggy)
	for _, tc := range []struct{ toml, want string }{
		{"[tool.asynclint]\nselect = [\"AL110\"]\n", "pyproject.toml:2: select: AL110 is not the code or prefix of any rule"},
		{"[tool.asynclint]\nper-file-ignores = {\"t/*\" = [\"AL9\"]}\n", "pyproject.toml:2: per-file-ignores: AL9 is not the code or prefix of any rule"},
		{"[tool.asynclint]\nselect = \"AL1\"\n", "pyproject.toml:2: select must be a list of strings"},
		{"[tool.asynclint]\nignore = [1]\n", "pyproject.toml:2: ignore must be a list of strings"},
		{"[tool.asynclint]\nper-file-ignores = [\"AL1\"]\n", "pyproject.toml:2: per-file-ignores must be a table whose values are lists of strings"},
		{"[tool.asynclint]\nper-file-ignores = {\"t/*\" = \"AL1\"}\n", "pyproject.toml:2: per-file-ignores must be a table whose values are lists of strings"},
		{"[tool.asynclint]\ntarget-version = 311\n", "pyproject.toml:2: target-version must be a string"},
		{"[tool.asynclint]\nmax-file-size = \"1MB\"\n", "pyproject.toml:2: max-file-size must be an integer"},
		{"[project]\nrequires-python = \"3.10+\"\n", "pyproject.toml:2: requires-python: \"3.10+\" is not a version specifier"},
		{"[project]\nrequires-python = \">=3.9,<=>4\"\n", "pyproject.toml:2: requires-python: \"<=>4\" is not a version specifier"},
		{"[project]\nrequires-python = 3.10\n", "pyproject.toml:2: requires-python must be a string"},
	} {
		write(t, dir, "pyproject.toml", tc.toml)
		code, _, errs := runCLI("check", dir)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.toml, code, errs, tc.want)
		}
	}
	// Valid specifiers without a usable lower bound fall back to the default.
	for _, spec := range []string{"<4", ">=3", ">=3.9, !=3.9.1", "~=3.12.0", "==3.11.*"} {
		write(t, dir, "pyproject.toml", "[project]\nrequires-python = \""+spec+"\"\n")
		if code, _, errs := runCLI("check", dir); code != 1 {
			t.Errorf("requires-python %q: exit %d, stderr %q", spec, code, errs)
		}
	}
}

// TestMaxFileSize: a file over the limit is skipped with one warning line,
// the rest of the run goes on; the limit comes from the flag or the
// configuration.
func TestMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bad.py", buggy)
	write(t, dir, "generated.py", buggy+strings.Repeat("x = [1, 2, 3]\n", 400)) // 5.6 KB
	code, out, errs := runCLI("check", "--no-config", "--max-file-size", "4096", dir)
	if code != 1 || strings.Contains(out, "generated.py") || !strings.Contains(out, "bad.py:7:5") {
		t.Errorf("exit %d, output %q", code, out)
	}
	// 64 bytes of buggy, 400 lines of 14.
	if want := "generated.py: 5664 bytes, larger than the limit of 4096 (max-file-size), skipped\n"; !strings.Contains(errs, want) || strings.Count(errs, "warning") != 1 {
		t.Errorf("stderr %q, want one warning ending %q", errs, want)
	}
	write(t, dir, "pyproject.toml", "[tool.asynclint]\nmax-file-size = 4096\n")
	if _, out, _ := runCLI("check", dir); strings.Contains(out, "generated.py") {
		t.Errorf("max-file-size in pyproject.toml ignored: %q", out)
	}
	os.Remove(filepath.Join(dir, "pyproject.toml"))
	if _, out, _ := runCLI("check", dir); !strings.Contains(out, "generated.py") {
		t.Errorf("the default limit skipped a 5.6 KB file: %q", out)
	}
}

// TestSuppressionProblemsAreReported: a malformed directive and a code no
// rule has each get an AL002 that says which.
func TestSuppressionProblemsAreReported(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "s.py", "import asyncio\n\n\nasync def f():\n    pass\n\n\nasync def g():\n"+
		"    f()  # asynclint: ignore AL101\n"+
		"    f()  # asynclint: ignore[AL101] -- fine\n"+
		"    await f()  # noqa: AL999\n"+
		"    await f()  # asynclint: ignore[AL110]\n")
	_, out, _ := runCLI("check", "--no-config", p)
	for _, want := range []string{
		"s.py:9:5: coroutine `f` is created but never awaited",
		"s.py:9:10: malformed suppression comment, it silences nothing: expected `# asynclint: ignore[AL101] -- reason`",
		"s.py:11:16: suppression of AL999, which is not the code or prefix of any asynclint rule (AL002)",
		"s.py:12:16: suppression of AL110, which is not the code or prefix of any asynclint rule (AL002)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s.py:10:") {
		t.Errorf("the well-formed suppression on line 10 did not work:\n%s", out)
	}
}
