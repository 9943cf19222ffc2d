package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestMain keeps the result cache of every check the tests run out of
// the source tree (its default is the working directory).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "asynclint-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("ASYNCLINT_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestCacheFlags(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.py", buggy)
	cacheDir := filepath.Join(t.TempDir(), "c")
	code1, out1, err1 := runCLI("check", "--no-config", "--python", "none", "--statistics", "--cache-dir", cacheDir, bad)
	code2, out2, err2 := runCLI("check", "--no-config", "--python", "none", "--statistics", "--cache-dir", cacheDir, "--format", "text", bad)
	if code1 != 1 || code2 != 1 || out1 != out2 || out1 == "" {
		t.Fatalf("cold: exit %d %q; warm: exit %d %q", code1, out1, code2, out2)
	}
	if strings.Contains(err1, "from the cache") || !strings.Contains(err2, "findings of 1 unchanged files from the cache") {
		t.Errorf("statistics: cold %q, warm %q", err1, err2)
	}
	for _, name := range []string{"CACHEDIR.TAG", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(cacheDir, name)); err != nil {
			t.Errorf("the cache directory lacks %s: %v", name, err)
		}
	}
	fresh := filepath.Join(t.TempDir(), "unused")
	if code, out, _ := runCLI("check", "--no-config", "--python", "none", "--no-cache", "--cache-dir", fresh, bad); code != 1 || out != out1 {
		t.Errorf("--no-cache: exit %d %q", code, out)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("--no-cache wrote %s (%v)", fresh, err)
	}
	// cache-dir in the configuration, relative to it.
	write(t, dir, "pyproject.toml", "[tool.asynclint]\npython = \"none\"\ncache-dir = \"lintcache\"\n")
	if code, out, _ := runCLI("check", bad); code != 1 || out != out1 {
		t.Errorf("with cache-dir: exit %d %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "lintcache", "CACHEDIR.TAG")); err != nil {
		t.Errorf("cache-dir from pyproject.toml not used: %v", err)
	}
}

// Two asynclint processes sharing one cache directory, started together
// again and again: each prints what a run without the cache prints, and
// the entry left behind serves a third.
func TestCacheTwoProcesses(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	for i := 0; i < 8; i++ {
		write(t, dir, fmt.Sprintf("m%d.py", i), buggy)
	}
	cacheDir := filepath.Join(t.TempDir(), "shared")
	args := []string{"check", "--no-config", "--python", "none", "--format", "json", dir}
	want, _ := exec.Command(bin, append(args[:1:1], append([]string{"--no-cache"}, args[1:]...)...)...).Output()
	if len(want) < 100 {
		t.Fatalf("the uncached run printed %q", want)
	}
	for round := 0; round < 5; round++ {
		// Each round edits a file, so both processes analyse and write.
		write(t, dir, "m0.py", buggy+strings.Repeat("\n", round+1))
		want, _ = exec.Command(bin, append(args[:1:1], append([]string{"--no-cache"}, args[1:]...)...)...).Output()
		var wg sync.WaitGroup
		outs := make([][]byte, 2)
		for p := range outs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[p], _ = exec.Command(bin, append(args[:1:1], append([]string{"--cache-dir", cacheDir}, args[1:]...)...)...).Output()
			}()
		}
		wg.Wait()
		for p, out := range outs {
			if !bytes.Equal(out, want) {
				t.Fatalf("round %d, process %d printed\n%s\nwant\n%s", round, p, out, want)
			}
		}
	}
	cmd := exec.Command(bin, append(args[:1:1], append([]string{"--cache-dir", cacheDir, "--statistics"}, args[1:]...)...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, _ := cmd.Output()
	if !bytes.Equal(out, want) || !strings.Contains(stderr.String(), "findings of 8 unchanged files from the cache") {
		t.Errorf("the run after them: %s\n%s", out, stderr.String())
	}
}
