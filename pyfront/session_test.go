package pyfront

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestSessionUpdate: an edit inside a body is taken by the session, with
// the importing module's calls moved to the new functions; an edit that
// changes what the importing module reads is refused, and so is one that
// adds a definition.
func TestSessionUpdate(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py": "",
		"pkg/lib.py": `import time


def helper():
    return 1


async def work():
    helper()
`,
		"pkg/app.py": `from pkg.lib import helper, work


async def main():
    helper()
    await work()
`,
	}
	var in []File
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		in = append(in, File{Path: p})
	}
	lib, app := filepath.Join(dir, "pkg/lib.py"), filepath.Join(dir, "pkg/app.py")
	fresh := func() *Session {
		t.Helper()
		s := NewSession(Load(in, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}), asyncir.PythonModels(), Options{Eager: true, KeepSession: true})
		if s == nil {
			t.Fatal("no session")
		}
		return s
	}
	calleeOf := func(s *Session, path, name string) *asyncir.Func {
		var out *asyncir.Func
		for _, f := range s.Module(path).Funcs {
			f.Ops(func(op *asyncir.Op) {
				if op.Kind == asyncir.OpCall && op.Callee != nil && op.Callee.Name == name {
					out = op.Callee
				}
			})
		}
		return out
	}

	s := fresh()
	src := string(s.Text(lib))
	body := strings.Replace(src, "def helper():\n", "def helper():\n    time.sleep(1)\n", 1)
	if why := s.Update(lib, []byte(body), nil); why != "" {
		t.Fatalf("a blocking call added to a body was refused: %s", why)
	}
	newHelper := s.Module(lib).Funcs[1]
	if got := calleeOf(s, app, "helper"); got != newHelper {
		t.Errorf("app's call of helper points at %p, want the new helper %p", got, newHelper)
	}
	if got := calleeOf(s, lib, "helper"); got != newHelper {
		t.Errorf("lib's own call of helper points at %p, want the new helper %p", got, newHelper)
	}

	for _, c := range []struct{ what, from, to, reason string }{
		{"a function made a coroutine function", "def helper():", "async def helper():", "a definition changed"},
		{"what a function returns", "    return 1\n", "    return work()\n", "interface changed"},
		{"a definition added", "async def work():", "def extra():\n    pass\n\n\nasync def work():", "a definition was added or removed"},
	} {
		s := fresh()
		src := string(s.Text(lib))
		if why := s.Update(lib, []byte(strings.Replace(src, c.from, c.to, 1)), nil); !strings.Contains(why, c.reason) {
			t.Errorf("%s: Update said %q, want a refusal saying %q", c.what, why, c.reason)
		}
	}
}
