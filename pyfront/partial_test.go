package pyfront

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

const partialSrc = `import asyncio
from concurrent.futures import ThreadPoolExecutor


async def main():
    helper()
    await asyncio.sleep(0)


def helper():
    return 1


async def fetch():
    return 1


def make_coro():
    return fetch()


def user():
    make_coro()


def pool_user():
    return ThreadPoolExecutor()


class Proto:
    def data_received(self, data):
        pass


def unrelated():
    return 2  # noqa: AL101


class Plain:
    def method(self):
        return unrelated()
`

// loadBoth loads one module as a run does and eagerly (every definition).
func loadBoth(t *testing.T, src string) (run, eager *asyncir.Module) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "app.py")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, eagerly := range []bool{false, true} {
		r := Load([]File{{Path: p}}, asyncir.PythonModels(), Options{Eager: eagerly})
		m := r.Program.Module("app")
		if m == nil {
			t.Fatal("no module app")
		}
		if eagerly {
			eager = m
		} else {
			run = m
		}
	}
	return run, eager
}

func funcNames(m *asyncir.Module) []string {
	var out []string
	for _, f := range m.Funcs {
		out = append(out, f.QualName)
	}
	return out
}

// TestPartialLowering checks the rule for a module with markers: what
// names something async, or what lowered code refers to, is lowered;
// what does neither is not, and the module keeps the eager lowering's
// order.
func TestPartialLowering(t *testing.T) {
	run, eager := loadBoth(t, partialSrc)
	got := funcNames(run)
	want := []string{"app", "main", "helper", "fetch", "make_coro", "user", "pool_user", "Proto", "Proto.data_received"}
	if !slices.Equal(got, want) {
		t.Errorf("lowered %v, want %v", got, want)
	}
	all := funcNames(eager)
	if !slices.Contains(all, "unrelated") || !slices.Contains(all, "Plain.method") {
		t.Errorf("an eager lowering lowers every definition: %v", all)
	}
	sups := func(m *asyncir.Module) string { return fmt.Sprintf("%+v", m.Suppressions) }
	if len(run.Suppressions) != 1 || sups(run) != sups(eager) {
		t.Errorf("suppressions %s, eager %s", sups(run), sups(eager))
	}
	if run.ImportInsert != eager.ImportInsert || !slices.Equal(run.LineStarts, eager.LineStarts) {
		t.Errorf("import position %+v, eager %+v", run.ImportInsert, eager.ImportInsert)
	}
}

// TestPartialSyntaxErrors: a syntax error in a definition that is not
// lowered is reported as a whole parse reports it.
func TestPartialSyntaxErrors(t *testing.T) {
	for name, bad := range map[string]string{
		"error":   "\n\ndef bad():\n    x = = 1\n",
		"missing": "\n\ndef bad():\n    return f(1,)\n    if x\n        pass\n",
		"legacy":  "\n\ndef bad():\n    print \"x\"\n",
	} {
		run, eager := loadBoth(t, partialSrc+bad)
		if slices.Contains(funcNames(run), "bad") {
			t.Errorf("%s: bad was lowered", name)
		}
		if len(eager.SyntaxErrors) == 0 || fmt.Sprint(run.SyntaxErrors) != fmt.Sprint(eager.SyntaxErrors) {
			t.Errorf("%s: syntax errors %v, eager %v", name, run.SyntaxErrors, eager.SyntaxErrors)
		}
	}
	run, _ := loadBoth(t, partialSrc)
	if len(run.SyntaxErrors) != 0 {
		t.Errorf("a clean module has syntax errors %v", run.SyntaxErrors)
	}
}

// TestPartialWidens: a definition that mentions an async name of an
// imported module is lowered once that module is.
func TestPartialWidens(t *testing.T) {
	prog := load(t, map[string]string{
		"lib.py": "async def remote():\n    return 1\n",
		"app.py": "import asyncio\nfrom lib import remote\n\n\ndef calls_remote():\n    remote()\n\n\ndef other():\n    return 1\n",
	})
	got := funcNames(prog.Module("app"))
	if !slices.Contains(got, "calls_remote") || slices.Contains(got, "other") {
		t.Errorf("lowered %v, want calls_remote and not other", got)
	}
}
