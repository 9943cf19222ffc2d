package pyfront

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakePython writes an interpreter that answers the sys.path query with
// site as its only site directory and counts how often it is asked.
func fakePython(t *testing.T, envDir, site string) string {
	t.Helper()
	py := filepath.Join(envDir, "bin", "python3")
	os.MkdirAll(filepath.Dir(py), 0o755)
	os.MkdirAll(site, 0o755)
	script := "#!/bin/sh\necho x >> " + filepath.Join(envDir, "asked") + "\n" +
		`printf '/nonexistent/lib/python3.11\0/nonexistent/lib/python3.11\0\0/nonexistent/lib/python3.11\0` + site + `'` + "\n"
	if err := os.WriteFile(py, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return py
}

func asked(envDir string) int {
	b, _ := os.ReadFile(filepath.Join(envDir, "asked"))
	return strings.Count(string(b), "x")
}

func TestFindEnvironment(t *testing.T) {
	root := t.TempDir()
	cache := filepath.Join(root, "cache")
	proj := filepath.Join(root, "proj")
	dotVenv := filepath.Join(proj, ".venv")
	fakePython(t, dotVenv, filepath.Join(root, "site-dotvenv"))
	active := filepath.Join(root, "active")
	fakePython(t, active, filepath.Join(root, "site-active"))
	explicit := fakePython(t, filepath.Join(root, "explicit"), filepath.Join(root, "site-explicit"))
	noVenv := func(string) string { return "" }
	withVenv := func(k string) string {
		if k == "VIRTUAL_ENV" {
			return active
		}
		return ""
	}
	for _, c := range []struct {
		name string
		opts EnvOptions
		want string
	}{
		{"explicit interpreter", EnvOptions{Python: explicit, Root: proj, Getenv: withVenv, CacheDir: cache}, "site-explicit"},
		{"explicit environment directory", EnvOptions{Python: filepath.Join(root, "explicit"), Root: proj, Getenv: withVenv, CacheDir: cache}, "site-explicit"},
		{"active VIRTUAL_ENV", EnvOptions{Root: proj, Getenv: withVenv, CacheDir: cache}, "site-active"},
		{".venv beside pyproject.toml", EnvOptions{Root: proj, Getenv: noVenv, CacheDir: cache}, "site-dotvenv"},
	} {
		env, err := FindEnvironment(c.opts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(env.Sites) != 1 || filepath.Base(env.Sites[0]) != c.want {
			t.Errorf("%s: sites %v, want only %s", c.name, env.Sites, c.want)
		}
	}
	// Each interpreter was asked once; the second question was answered
	// from the cache.
	for _, d := range []string{dotVenv, active, filepath.Join(root, "explicit")} {
		if n := asked(d); n != 1 {
			t.Errorf("%s asked %d times, want 1", d, n)
		}
	}
	if _, err := FindEnvironment(EnvOptions{Python: filepath.Join(root, "missing"), CacheDir: "-"}); err == nil {
		t.Error("a missing explicit interpreter is not an error")
	}
}

// TestSysPathQuery checks the query against what sysconfig and sys.path
// say, on the python3 on PATH and a venv made from it.
func TestSysPathQuery(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	venv := filepath.Join(t.TempDir(), "venv")
	if err := exec.Command(py, "-m", "venv", "--without-pip", "--system-site-packages", venv).Run(); err != nil {
		t.Fatalf("making a venv: %v", err)
	}
	const reference = `import json, sys, sysconfig
p = sysconfig.get_paths()
print(json.dumps({"Path": sys.path, "Stdlib": [p.get("stdlib", ""), p.get("platstdlib", "")]}))`
	for _, py := range []string{py, filepath.Join(venv, "bin", "python3")} {
		out, err := exec.Command(py, "-I", "-c", reference).Output()
		if err != nil {
			t.Fatalf("%s: %v", py, err)
		}
		var want sysPathAnswer
		if err := json.Unmarshal(out, &want); err != nil {
			t.Fatal(err)
		}
		out, err = exec.Command(py, "-I", "-c", sysPathQuery).Output()
		if err != nil {
			t.Fatalf("%s: %v", py, err)
		}
		got, err := parseSysPath(out)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Path, want.Path) || !slices.Equal(got.Stdlib, want.Stdlib) {
			t.Errorf("%s: the query answers %q, sysconfig %q", py, got, want)
		}
	}
}
