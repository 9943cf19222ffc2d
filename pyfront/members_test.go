package pyfront

import (
	"fmt"
	"slices"
	"testing"
)

const membersSrc = `import asyncio
import unittest


async def fetch():
    return 1


class T(unittest.TestCase):
    """One async test among plain ones."""

    async def test_async(self):
        await asyncio.sleep(0)
        self.check()

    def check(self):
        return 1

    def test_plain(self):
        self.assertEqual(1, 1)

    def test_stores(self):
        self.value = 2

    def test_tuple_store(self):
        self.a, self.b = 1, 2

    def test_calls_helper(self):
        return self._only_tests_call()

    def _only_tests_call(self):
        return 3

    def test_names_fetch(self):
        fetch()

    def data_received(self, data):
        pass

    def __repr__(self):
        return "T"

    async def load_row(self):
        return 1

    def test_forgets(self):
        self.load_row()
`

// TestMemberParts: in a class of a module lowered in part, the methods no
// code outside the left-out methods names, with no marker and no
// attribute store, are not lowered; one that names an async method of
// the file stays; one the partial rule finds relevant (it names fetch)
// is grafted into its class, in the eager order.
func TestMemberParts(t *testing.T) {
	run, eager := loadBoth(t, membersSrc)
	got := funcNames(run)
	want := []string{"app", "fetch", "T", "T.test_async", "T.check", "T.test_stores", "T.test_tuple_store", "T.test_names_fetch", "T.data_received", "T.__repr__", "T.load_row", "T.test_forgets"}
	if !slices.Equal(got, want) {
		t.Errorf("lowered %v, want %v", got, want)
	}
	all := funcNames(eager)
	for _, f := range []string{"T.test_plain", "T.test_calls_helper", "T._only_tests_call"} {
		if !slices.Contains(all, f) {
			t.Errorf("the eager lowering has no %s: %v", f, all)
		}
	}
	var inOrder []string
	for _, f := range all {
		if slices.Contains(got, f) {
			inOrder = append(inOrder, f)
		}
	}
	if !slices.Equal(got, inOrder) {
		t.Errorf("order %v, eager %v", got, inOrder)
	}
	cls := run.Funcs[slices.Index(got, "T")].Class
	if cls == nil {
		for _, c := range run.Classes {
			if c.Name == "T" {
				cls = c
			}
		}
	}
	if cls == nil || cls.Methods["test_names_fetch"] == nil || cls.Methods["test_plain"] != nil {
		t.Errorf("class T's methods: %v", cls)
	}
}

// TestMemberNamedElsewhere: a method another file names is lowered with
// its class, as is one the same file names outside the left-out methods.
func TestMemberNamedElsewhere(t *testing.T) {
	prog := load(t, map[string]string{
		"app.py": "import asyncio\n\n\nclass C:\n    async def run(self):\n        await asyncio.sleep(0)\n\n    def called_elsewhere(self):\n        return 1\n\n    def called_here(self):\n        return 2\n\n    def never_called(self):\n        return 3\n\n\nx = C().called_here\n",
		"use.py": "import app\n\n\ndef f(c):\n    return c.called_elsewhere()\n",
	})
	got := funcNames(prog.Module("app"))
	for _, f := range []string{"C.called_elsewhere", "C.called_here"} {
		if !slices.Contains(got, f) {
			t.Errorf("%s not lowered: %v", f, got)
		}
	}
	if slices.Contains(got, "C.never_called") {
		t.Errorf("C.never_called lowered: %v", got)
	}
}

// TestMemberSyntaxErrors: a syntax error in a left-out method is
// reported as a whole parse reports it.
func TestMemberSyntaxErrors(t *testing.T) {
	for name, bad := range map[string]string{
		"error":  "\n    def test_bad(self):\n        x = = 1\n",
		"legacy": "\n    def test_bad(self):\n        print \"x\"\n",
	} {
		run, eager := loadBoth(t, membersSrc+bad)
		if slices.Contains(funcNames(run), "T.test_bad") {
			t.Errorf("%s: test_bad was lowered", name)
		}
		if len(eager.SyntaxErrors) == 0 || fmt.Sprint(run.SyntaxErrors) != fmt.Sprint(eager.SyntaxErrors) {
			t.Errorf("%s: syntax errors %v, eager %v", name, run.SyntaxErrors, eager.SyntaxErrors)
		}
	}
	run, _ := loadBoth(t, membersSrc)
	if len(run.SyntaxErrors) != 0 {
		t.Errorf("a clean module has syntax errors %v", run.SyntaxErrors)
	}
}

// TestStoresAttr: the stores of an attribute of the method's first
// parameter that keep a method whole.
func TestStoresAttr(t *testing.T) {
	for text, want := range map[string]bool{
		"self.x = 1":                  true,
		"self.x: int = 1":             true,
		"self.x += 1":                 true,
		"self.x //= 2":                true,
		"self.a, self.b = f()":        true,
		"for self.i in range(3):":     true,
		"with f() as self.ctx:":       true,
		"self.x == 1":                 false,
		"self.x <= 1":                 false,
		"f(self.x, y=1)":              false,
		"self.assertEqual(self.x, 1)": false,
		"other.x = 1":                 false,
		"self.x.y = 1":                false,
	} {
		if got := storesAttr([]byte(text), "self"); got != want {
			t.Errorf("storesAttr(%q) = %v, want %v", text, got, want)
		}
	}
}
