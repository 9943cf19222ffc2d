package pyfront

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// The project's environment: the directories its interpreter imports
// installed packages from. It is found the way the user's own tools find
// it — an explicit interpreter (--python, [tool.asynclint] python), an
// active VIRTUAL_ENV, a .venv or venv beside pyproject.toml, else the
// python3 on PATH — and the interpreter is asked once for sys.path. That
// query is the only thing ever run (isolated mode, from a neutral
// directory, so no project code is imported), and its answer is cached by
// the interpreter's path and modification time. Without an interpreter
// only the project is known.

// Environment is what an interpreter imports from, besides the project
// and its standard library.
type Environment struct {
	// Python is the interpreter that was asked.
	Python string
	// Sites are the import directories outside the standard library
	// (site-packages, dist-packages, .pth additions), in sys.path order.
	Sites []string
}

// EnvOptions say where to look for the environment.
type EnvOptions struct {
	// Python is an explicit interpreter (flag or configuration).
	Python string
	// Root is the project root (the directory of pyproject.toml, or the
	// first path checked).
	Root string
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// CacheDir holds the cached answers ("" means the user cache
	// directory; "-" disables the cache).
	CacheDir string
}

// FindEnvironment locates the interpreter and its import path. It returns
// nil (and the reason) when there is none: the run then knows only the
// project.
func FindEnvironment(o EnvOptions) (*Environment, error) {
	py := findInterpreter(o)
	if py == "" && o.Python != "" {
		return nil, fmt.Errorf("%s: no such interpreter; installed packages are not read", o.Python)
	}
	if py == "" {
		return nil, fmt.Errorf("no Python interpreter found; installed packages are not read")
	}
	sites, err := askSysPath(py, o.CacheDir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v; installed packages are not read", py, err)
	}
	return &Environment{Python: py, Sites: sites}, nil
}

// findInterpreter picks the interpreter in the order the user's tools do.
func findInterpreter(o EnvOptions) string {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if o.Python != "" {
		if p := interpreterAt(o.Python); p != "" {
			return p
		}
		if p, err := exec.LookPath(o.Python); err == nil {
			return p
		}
		return ""
	}
	if venv := getenv("VIRTUAL_ENV"); venv != "" {
		if p := interpreterAt(venv); p != "" {
			return p
		}
	}
	if o.Root != "" {
		for _, d := range []string{".venv", "venv"} {
			if p := interpreterAt(filepath.Join(o.Root, d)); p != "" {
				return p
			}
		}
	}
	if p, err := exec.LookPath("python3"); err == nil {
		return p
	}
	return ""
}

// interpreterAt accepts an interpreter file or an environment directory.
func interpreterAt(p string) string {
	info, err := os.Stat(p)
	if err != nil {
		return ""
	}
	if !info.IsDir() {
		abs, _ := filepath.Abs(p)
		return abs
	}
	for _, c := range []string{"bin/python3", "bin/python", "Scripts/python.exe"} {
		if q := filepath.Join(p, c); isFile(q) {
			abs, _ := filepath.Abs(q)
			return abs
		}
	}
	return ""
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}

// sysPathQuery prints the standard library's directories (sysconfig's
// stdlib and platstdlib) and then sys.path, as the file system's bytes,
// NUL-separated. It uses only what the interpreter has loaded at startup:
// importing json and sysconfig cost a third more than starting it.
// -I: isolated (no PYTHON* variables, no user site, no current directory).
const sysPathQuery = `import os, sys
v = "python%d.%d" % sys.version_info[:2]
plat = os.path.join(sys.exec_prefix, "Lib") if os.name == "nt" else os.path.join(sys.exec_prefix, getattr(sys, "platlibdir", "lib"), v)
sys.stdout.buffer.write(b"\0".join(map(os.fsencode, [os.path.dirname(os.__file__), plat] + sys.path)))`

type sysPathAnswer struct {
	Path   []string
	Stdlib []string
}

// parseSysPath reads the query's output.
func parseSysPath(out []byte) (sysPathAnswer, error) {
	parts := strings.Split(string(out), "\x00")
	if len(parts) < 2 || parts[0] == "" {
		return sysPathAnswer{}, fmt.Errorf("unexpected answer %q", truncate(out, 80))
	}
	return sysPathAnswer{Stdlib: parts[:2], Path: parts[2:]}, nil
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// askSysPath runs the query, or reads its cached answer.
func askSysPath(py, cacheDir string) ([]string, error) {
	key := interpreterKey(py)
	cache := ""
	if cacheDir != "-" && key != "" {
		if cacheDir == "" {
			cacheDir = userCacheDir()
		}
		if cacheDir != "" {
			cache = filepath.Join(cacheDir, "env-"+key+".path")
		}
	}
	if b, err := os.ReadFile(cache); cache != "" && err == nil {
		if ans, err := parseSysPath(b); err == nil {
			return sitesOf(ans), nil
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-I", "-c", sysPathQuery)
	cmd.Dir = os.TempDir()
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("asking for sys.path: %v", err)
	}
	ans, err := parseSysPath(out)
	if err != nil {
		return nil, fmt.Errorf("reading sys.path: %v", err)
	}
	if cache != "" {
		atomicfile.Write(cache, out)
	}
	return sitesOf(ans), nil
}

// interpreterKey identifies an interpreter and its environment: its path
// as given (a venv's python is a link to the system's), the link's and
// the binary's modification times, and the venv's pyvenv.cfg.
func interpreterKey(py string) string {
	h := sha256.New()
	fmt.Fprintln(h, py)
	for _, p := range []string{py, filepath.Join(filepath.Dir(filepath.Dir(py)), "pyvenv.cfg")} {
		if info, err := os.Lstat(p); err == nil {
			fmt.Fprintln(h, info.ModTime().UnixNano(), info.Size())
		}
		if info, err := os.Stat(p); err == nil {
			fmt.Fprintln(h, info.ModTime().UnixNano(), info.Size())
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// sitesOf keeps the directories of sys.path outside the standard library.
func sitesOf(ans sysPathAnswer) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range ans.Path {
		if p == "" || seen[p] || strings.HasSuffix(p, ".zip") {
			continue
		}
		seen[p] = true
		std := false
		for _, s := range ans.Stdlib {
			if s != "" && within(p, s) && !strings.Contains(p, "-packages") {
				std = true
			}
		}
		if info, err := os.Stat(p); std || err != nil || !info.IsDir() {
			continue
		}
		out = append(out, p)
	}
	return out
}
