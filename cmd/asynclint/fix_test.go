package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

// copyCase copies testdata/fix/name into a fresh directory, makes it the
// working directory (so paths in output are stable) and returns the
// relative path.
func copyCase(t *testing.T, name string, mode os.FileMode) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "fix", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), src, mode); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return name
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestFixGolden(t *testing.T) {
	for _, c := range []struct {
		name     string
		wantExit int // after --fix: 1 when something unfixable remains
	}{
		{"partial.py", 1},
		{"clean.py", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			wd, _ := os.Getwd()
			goldenPath := filepath.Join(wd, "testdata", "fix", c.name+".golden")
			p := copyCase(t, c.name, 0o600)
			if _, _, stderr := runCLI("check", "--no-config", p); !strings.Contains(stderr, "fixable with --fix") {
				t.Errorf("no fixable hint before --fix: %q", stderr)
			}
			code, stdout, stderr := runCLI("check", "--no-config", "--fix", p)
			if code != c.wantExit {
				t.Errorf("--fix exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.wantExit, stdout, stderr)
			}
			if !strings.Contains(stderr, "applied") {
				t.Errorf("stderr does not report applied fixes: %s", stderr)
			}
			got, _ := os.ReadFile(p)
			golden(t, goldenPath, got)
			if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
				t.Errorf("mode after --fix = %v, want 0600", fi.Mode().Perm())
			}
			// A second --fix changes nothing and exits the same.
			code2, stdout2, stderr2 := runCLI("check", "--no-config", "--fix", p)
			again, _ := os.ReadFile(p)
			if !bytes.Equal(again, got) || strings.Contains(stderr2, "applied") || strings.Contains(stderr2, "fixable") || code2 != c.wantExit || stdout2 != stdout {
				t.Errorf("second --fix is not a no-op: exit %d, stderr %q, changed %v", code2, stderr2, !bytes.Equal(again, got))
			}
		})
	}
}

func TestDiffWritesNothing(t *testing.T) {
	wd, _ := os.Getwd()
	goldenPath := filepath.Join(wd, "testdata", "fix", "partial.py.diff")
	p := copyCase(t, "partial.py", 0o644)
	before, _ := os.ReadFile(p)
	code, stdout, stderr := runCLI("check", "--no-config", "--diff", p)
	if code != 1 {
		t.Errorf("--diff exit %d, want 1 (fixes available); stderr %s", code, stderr)
	}
	after, _ := os.ReadFile(p)
	if !bytes.Equal(before, after) {
		t.Error("--diff modified the file")
	}
	golden(t, goldenPath, []byte(stdout))
	// Applying the diff's result equals --fix's result.
	runCLI("check", "--no-config", "--fix", p)
	fixed, _ := os.ReadFile(p)
	code, stdout, _ = runCLI("check", "--no-config", "--diff", p)
	if code != 0 || stdout != "" {
		t.Errorf("--diff after --fix: exit %d, output %q; want 0 and nothing", code, stdout)
	}
	if bytes.Equal(fixed, before) {
		t.Error("--fix changed nothing")
	}
}

func TestFixKeepsSyntaxErrorFile(t *testing.T) {
	// A file that already has a syntax error is still fixed where the fix
	// does not add a new error; the result must parse no worse.
	dir := t.TempDir()
	t.Chdir(dir)
	src := "import asyncio\n\nasync def f():\n    asyncio.sleep(1)\n\ndef g(:\n    pass\n"
	if err := os.WriteFile("broken.py", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("check", "--no-config", "--fix", "broken.py")
	got, _ := os.ReadFile("broken.py")
	if !strings.Contains(string(got), "    await asyncio.sleep(1)\n") || code != 1 || !strings.Contains(stdout, "AL001") {
		t.Errorf("exit %d\nstdout %s\nstderr %s\nfile:\n%s", code, stdout, stderr, got)
	}
}

func TestFormats(t *testing.T) {
	p := copyCase(t, "clean.py", 0o644)
	for _, f := range []string{"text", "json", "sarif", "github"} {
		code, stdout, stderr := runCLI("check", "--no-config", "--format", f, p)
		if code != 1 || !strings.Contains(stdout, "AL101") {
			t.Errorf("--format %s: exit %d (want 1), stdout %q, stderr %q", f, code, stdout, stderr)
		}
	}
	if code, _, _ := runCLI("check", "--format", "xml", p); code != 2 {
		t.Errorf("--format xml exit %d, want 2", code)
	}
	code, stdout, _ := runCLI("check", "--no-config", "--format", "github", p)
	if code != 1 || !strings.HasPrefix(stdout, "::error file=clean.py,line=9,col=5,endLine=9,endColumn=11,title=AL101::coroutine `ping`") {
		t.Errorf("github annotation: %q", stdout)
	}
}

// TestFixMessages: plurals, "nothing to do" on a second run, --diff only
// as text, check -h names Go.
func TestFixMessages(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "one.py", "import asyncio\n\n\nasync def main():\n    asyncio.sleep(1)\n")
	if _, _, errs := runCLI("check", "--no-config", "--diff", "one.py"); !strings.Contains(errs, "would apply 1 fix to 1 file\n") {
		t.Errorf("--diff: stderr %q", errs)
	}
	if _, _, errs := runCLI("check", "--no-config", "--fix", "one.py"); !strings.Contains(errs, "applied 1 fix to 1 file\n") {
		t.Errorf("first --fix: stderr %q", errs)
	}
	if code, _, errs := runCLI("check", "--no-config", "--fix", "one.py"); code != 0 || !strings.Contains(errs, "no fixes to apply") {
		t.Errorf("second --fix: exit %d, stderr %q", code, errs)
	}
	if code, out, errs := runCLI("check", "--no-config", "--diff", "--format", "json", "one.py"); code != 2 || out != "" || !strings.Contains(errs, "--diff prints a unified diff and cannot be combined with --format json") {
		t.Errorf("--diff --format json: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := runCLI("check", "-h"); code != 0 || !strings.Contains(errs, "Go modules") || !strings.Contains(errs, "-max-file-size") {
		t.Errorf("check -h: exit %d, %q", code, errs)
	}
}

// TestFixLeavesReadOnlyFiles: --fix reports a read-only file and leaves it
// as it is (its findings are reported as they stand); others are fixed.
func TestFixLeavesReadOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src := "import asyncio\n\n\nasync def main():\n    asyncio.sleep(1)\n"
	write(t, dir, "ro.py", src)
	write(t, dir, "rw.py", src)
	os.Chmod("ro.py", 0o444)
	code, out, errs := runCLI("check", "--no-config", "--fix", ".")
	if got, _ := os.ReadFile("ro.py"); string(got) != src {
		t.Errorf("read-only file rewritten:\n%s", got)
	}
	if got, _ := os.ReadFile("rw.py"); !strings.Contains(string(got), "await asyncio.sleep(1)") {
		t.Errorf("writable file not fixed:\n%s", got)
	}
	if code != 1 || !strings.Contains(errs, "ro.py: the file is read-only, not fixed") || !strings.Contains(out, "ro.py:5:5:") || strings.Contains(out, "rw.py") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
}

// TestSleepFixIsUnsafe: time.sleep → await asyncio.sleep changes what runs
// during the pause, so --fix leaves it and --unsafe-fixes applies it,
// removing the "from time import sleep" it leaves unused.
func TestSleepFixIsUnsafe(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src := "from time import sleep\n\n\nasync def main():\n    sleep(1)\n"
	write(t, dir, "s.py", src)
	if code, _, errs := runCLI("check", "--no-config", "--fix", "s.py"); code != 1 || !strings.Contains(errs, "no fixes to apply") || !strings.Contains(errs, "1 more fixable with --unsafe-fixes") {
		t.Errorf("--fix: exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile("s.py"); string(got) != src {
		t.Errorf("--fix applied the unsafe fix:\n%s", got)
	}
	if code, out, errs := runCLI("check", "--no-config", "--unsafe-fixes", "s.py"); code != 0 || out != "" {
		t.Errorf("--unsafe-fixes: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	want := "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n"
	if got, _ := os.ReadFile("s.py"); string(got) != want {
		t.Errorf("--unsafe-fixes gave\n%s\nwant\n%s", got, want)
	}
}
