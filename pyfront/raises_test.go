package pyfront

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// opAt returns the first op of kind k on a line of the module's function.
func opAt(t *testing.T, f *asyncir.Func, k asyncir.OpKind, line int) *asyncir.Op {
	t.Helper()
	var found *asyncir.Op
	f.Ops(func(op *asyncir.Op) {
		if found == nil && op.Kind == k && int(op.Range.Start.Line) == line {
			found = op
		}
	})
	if found == nil {
		t.Fatalf("no %v op on line %d of %s", k, line, f.QualName)
	}
	return found
}

func funcNamed(t *testing.T, prog *asyncir.Program, name string) *asyncir.Func {
	t.Helper()
	for _, m := range prog.Modules {
		for _, f := range m.Funcs {
			if f.QualName == name {
				return f
			}
		}
	}
	t.Fatalf("no function %s", name)
	return nil
}

// handlerEntries lists the lines of the ops at which paths from just
// after op enter an except clause (the op that raised): a try body's block
// ends just before such an op, with edges to the op and to the handlers.
func handlerEntries(op *asyncir.Op) map[int]bool {
	lines := map[int]bool{}
	seen := map[*asyncir.Block]bool{op.Block: true}
	for todo := []*asyncir.Block{op.Block}; len(todo) > 0; todo = todo[1:] {
		b := todo[0]
		for _, s := range b.Succs {
			if s.Handler {
				for _, n := range b.Succs {
					if !n.Handler && len(n.Ops) > 0 {
						lines[int(n.Ops[0].Range.Start.Line)] = true
					}
				}
				continue
			}
			if !seen[s] {
				seen[s] = true
				todo = append(todo, s)
			}
		}
	}
	return lines
}

// TestTryEdges: an op reaches an except clause only from just before an
// op that can raise what the clause catches.
func TestTryEdges(t *testing.T) {
	prog := loadEager(t, map[string]string{"app.py": `import asyncio
import sys


async def f(flag, obj):
    try:
        c = work()
        if flag and sys.version_info >= (3, 11):
            asyncio.create_task(c)
        x = obj.attr
        check()
        y = obj[1]
    except OSError:
        pass


def g(obj):
    try:
        z = obj.attr
    except AttributeError:
        pass
`})
	f := funcNamed(t, prog, "f")
	// After c is stored, the if test (names, a version comparison),
	// obj.attr (AttributeError) and obj[1] (LookupError, TypeError) cannot
	// reach the OSError clause: only the calls on lines 9 and 11 can ...
	got := handlerEntries(opAt(t, f, asyncir.OpStore, 7))
	want := map[int]bool{9: true, 11: true}
	if len(got) != len(want) || !got[9] || !got[11] {
		t.Errorf("handler entered from lines %v, want %v", got, want)
	}
	// ... while obj.attr reaches an AttributeError clause.
	g := funcNamed(t, prog, "g")
	if got := handlerEntries(opAt(t, g, asyncir.OpLoad, 19)); !got[19] {
		t.Errorf("obj.attr on line 19 does not reach the AttributeError clause: %v", got)
	}
}

// TestVersionGuards: blocks under sys.version_info tests carry the
// versions the tests allow, and an early return narrows what follows.
func TestVersionGuards(t *testing.T) {
	prog := load(t, map[string]string{"app.py": `import asyncio
import sys


async def f():
    if sys.version_info >= (3, 7):
        a()
    elif sys.version_info[:2] > (3, 5):
        b()
    else:
        c()
    if not sys.version_info < (3, 9) and sys.version_info < (3, 12):
        d()
    e()
    if sys.version_info >= (3, 10):
        return
    g()


if sys.version_info < (3, 11):
    async def h():
        i()
`})
	f := funcNamed(t, prog, "f")
	for _, c := range []struct {
		line int
		want asyncir.Versions
	}{
		{7, asyncir.Versions{Min: 307}},
		{9, asyncir.Versions{Min: 305, Max: 307}},
		{11, asyncir.Versions{Max: 305}},
		{13, asyncir.Versions{Min: 309, Max: 312}},
		{14, asyncir.Versions{}},
		{17, asyncir.Versions{Max: 310}},
	} {
		if got := opAt(t, f, asyncir.OpCall, c.line).Block.Versions; got != c.want {
			t.Errorf("line %d: versions %+v, want %+v", c.line, got, c.want)
		}
	}
	h := funcNamed(t, prog, "h")
	if got := opAt(t, h, asyncir.OpCall, 22).Block.Versions; got != (asyncir.Versions{Max: 311}) {
		t.Errorf("nested def: versions %+v, want below 3.11", got)
	}
}
