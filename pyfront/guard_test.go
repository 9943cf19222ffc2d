package pyfront

import (
	"reflect"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

const guardSrc = `class T:
    pass


class C:
    def __init__(self, transport=None, *, verify=True, **kw):
        if transport is not None and not verify:
            return

    @staticmethod
    def s(a, b=-1):
        pass

    def m(self, x, *rest, y="z"):
        for _ in range(x):
            pass
        if y == 'z':
            pass
        elif y is None:
            pass
        x = 1
        y = 2
        if y or x:
            pass


def g(host, port=80):
    if host == "localhost" or port != 80:
        pass


async def main(h):
    C(transport=T())
    C.s(1)
    C().m(3, 4, 5)
    g(h)
    g(*[1])
    t = T()
    C(t, verify=False)
    g(host=None)


def k(p=None):
    try:
        if p is None and len("x"):
            pass
    except ValueError:
        pass


def k2(p=None):
    p = p or 1
    try:
        if p is None and len("x"):
            pass
    except ValueError:
        pass
`

// TestGuardsAndBindings checks what the frontend records for guards and
// parameters, and how calls bind their known arguments to them.
func TestGuardsAndBindings(t *testing.T) {
	prog := loadEager(t, map[string]string{"m.py": guardSrc})
	m := prog.Module("m")
	funcs := map[string]*asyncir.Func{}
	for _, f := range m.Funcs {
		funcs[f.QualName] = f
	}
	guards := func(f *asyncir.Func) []string {
		var out []string
		for _, b := range f.Blocks {
			if b.Guard != nil {
				out = append(out, b.Guard.String())
			}
		}
		return out
	}
	for name, want := range map[string][]string{
		"C.__init__": {"transport is not None and not verify"},
		// x and y are assigned after the loop and the first tests, before
		// the last test.
		"C.m": {"x > 0", "y == 'z'", "y is None"},
		"g":   {`host == "localhost" or port != 80`},
		// Inside a try, the test spans blocks (the call may raise).
		"k":  {"p is None and …"},
		"k2": nil,
	} {
		if got := guards(funcs[name]); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: guards %q, want %q", name, got, want)
		}
	}
	type param struct {
		name, def string
		kind      asyncir.ParamKind
	}
	params := func(f *asyncir.Func) []param {
		var out []param
		for _, p := range f.Params {
			out = append(out, param{p.Name, p.Default, p.Kind})
		}
		return out
	}
	if got, want := params(funcs["C.__init__"]), []param{
		{"self", "", asyncir.ParamPositional},
		{"transport", "None", asyncir.ParamPositional},
		{"verify", "True", asyncir.ParamKeywordOnly},
		{"kw", "", asyncir.ParamVarKeywords},
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("C.__init__ params %v, want %v", got, want)
	}
	if got, want := params(funcs["C.m"]), []param{
		{"self", "", asyncir.ParamPositional},
		{"x", "", asyncir.ParamPositional},
		{"rest", "", asyncir.ParamVarArgs},
		{"y", `"z"`, asyncir.ParamKeywordOnly},
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("C.m params %v, want %v", got, want)
	}
	if got := funcs["C.s"].Params[1].Default; got != "-1" {
		t.Errorf("C.s default %q, want -1", got)
	}
	all := func(string) bool { return true }
	for _, c := range []struct {
		line int
		want asyncir.Binding
	}{
		{33, asyncir.Binding{"transport": {NotNone: true}, "verify": {Const: "True"}}},
		{34, asyncir.Binding{"a": {Const: "1"}, "b": {Const: "-1"}}},
		{35, asyncir.Binding{"x": {Const: "3"}, "y": {Const: `"z"`}}},
		{36, asyncir.Binding{"port": {Const: "80"}}},
		{37, nil},
		{39, asyncir.Binding{"transport": {NotNone: true}, "verify": {Const: "False"}}},
		{40, asyncir.Binding{"host": {Const: "None"}, "port": {Const: "80"}}},
	} {
		op := callAt(t, prog, "m", c.line)
		if got := asyncir.CallBinding(op, op.Callee, nil, all); !reflect.DeepEqual(got, c.want) {
			t.Errorf("line %d: binding %v, want %v", c.line, got, c.want)
		}
	}
}
