package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook runs Debian's pre-commit against a throwaway
// repository whose .pre-commit-config.yaml uses this repository as the
// hook source: the hook is built by pre-commit itself (language: golang)
// from a git snapshot of the current tree, fails on a buggy file and
// passes once it is fixed.
func TestPreCommitHook(t *testing.T) {
	preCommit := requireTool(t, "pre-commit", "pre-commit")
	git := requireTool(t, "git", "git")
	tmp := t.TempDir()
	gitIn := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}

	// The hook source: this module's files as they are now (committed or
	// not), committed into a fresh repository.
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	hookRepo := filepath.Join(tmp, "hook")
	files := strings.Split(gitIn(root, "ls-files", "--cached", "--others", "--exclude-standard"), "\n")
	copied := 0
	for _, f := range files {
		src := filepath.Join(root, f)
		fi, err := os.Stat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(hookRepo, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
		copied++
	}
	if _, err := os.Stat(filepath.Join(hookRepo, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatalf("no .pre-commit-hooks.yaml among the %d files copied: %v", copied, err)
	}
	gitIn(hookRepo, "init", "-q")
	gitIn(hookRepo, "add", "-A")
	gitIn(hookRepo, "commit", "-qm", "snapshot")
	rev := gitIn(hookRepo, "rev-parse", "HEAD")

	// The user's project.
	proj := filepath.Join(tmp, "project")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	config := "repos:\n  - repo: " + hookRepo + "\n    rev: " + rev + "\n    hooks:\n      - id: asynclint\n"
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(proj, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".pre-commit-config.yaml", config)
	write("service.py", "import asyncio\n\n\nasync def refresh():\n    await asyncio.sleep(0)\n\n\nasync def main():\n    refresh()\n")
	write("README.txt", "not checked\n")
	gitIn(proj, "init", "-q")
	gitIn(proj, "add", "-A")

	env := append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-cache"))
	// Reuse this machine's module cache instead of downloading every
	// dependency again into the hook's private GOPATH.
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		env = append(env, "GOMODCACHE="+strings.TrimSpace(string(out)))
	}
	runHook := func() (string, error) {
		cmd := exec.Command(preCommit, "run", "--all-files", "--color", "never")
		cmd.Dir = proj
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := runHook()
	if err == nil || !strings.Contains(out, "Failed") || !strings.Contains(out, "service.py:9:5:") || !strings.Contains(out, "(AL101)") {
		t.Fatalf("pre-commit on the buggy file: err %v, want a failure naming service.py:9:5 and AL101\n%s", err, out)
	}

	write("service.py", "import asyncio\n\n\nasync def refresh():\n    await asyncio.sleep(0)\n\n\nasync def main():\n    await refresh()\n")
	gitIn(proj, "add", "-A")
	out, err = runHook()
	if err != nil || !strings.Contains(out, "Passed") {
		t.Fatalf("pre-commit on the fixed file: err %v, want Passed\n%s", err, out)
	}
}

// TestPreCommitLocalHookFromReadme runs the README's `repo: local` hook,
// extracted as written, with an installed asynclint on PATH.
func TestPreCommitLocalHookFromReadme(t *testing.T) {
	preCommit := requireTool(t, "pre-commit", "pre-commit")
	git := requireTool(t, "git", "git")
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var config string
	for _, block := range strings.Split(string(readme), "```yaml\n")[1:] {
		body, _, _ := strings.Cut(block, "```")
		if strings.Contains(body, "repo: local") {
			config = body
		}
	}
	if config == "" {
		t.Fatal("README.md has no yaml block with a `repo: local` hook")
	}
	bin := buildBinary(t)
	proj := t.TempDir()
	for name, content := range map[string]string{
		".pre-commit-config.yaml": config,
		"service.py":              "import asyncio\n\n\nasync def refresh():\n    await asyncio.sleep(0)\n\n\nasync def main():\n    refresh()\n",
	} {
		if err := os.WriteFile(filepath.Join(proj, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}} {
		cmd := exec.Command(git, args...)
		cmd.Dir = proj
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	cmd := exec.Command(preCommit, "run", "--all-files", "--color", "never")
	cmd.Dir = proj
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "cache"))
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "service.py:9:5:") || !strings.Contains(string(out), "(AL101)") {
		t.Fatalf("the README's local hook on a buggy file: err %v, want a failure naming service.py:9:5 and AL101\n%s", err, out)
	}
}
