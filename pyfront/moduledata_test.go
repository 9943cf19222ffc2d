package pyfront

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// refsOnLine counts the OpRef ops of f on a line.
func refsOnLine(f *asyncir.Func, line int) int {
	n := 0
	f.Ops(func(op *asyncir.Op) {
		if op.Kind == asyncir.OpRef && int(op.Range.Start.Line) == line {
			n++
		}
	})
	return n
}

// TestModuleDataNotLowered: the constant displays a module-level dict
// holds as values build nothing; a value with a call in it, a constant
// key, a value that is not a display, and the same dict in a function
// are lowered as before.
func TestModuleDataNotLowered(t *testing.T) {
	src := `import asyncio
TABLE = {'a': (1, 2), 'b': [None, -1], 'c': {'x': {'y'}}, 'd': None, (1, 2): 'e'}
KEEP = {'a': (asyncio.sleep(0), 2), 'b': [x for x in ()], 'c': (f'{x}',)}

def g():
    return {'a': (1, 2), 'b': [None]}
`
	prog := loadEager(t, map[string]string{"m.py": src})
	var mod *asyncir.Func
	for _, m := range prog.Modules {
		if m.Name == "m" {
			mod = m.Body
		}
	}
	if mod == nil {
		t.Fatal("no module m")
	}
	// The dict, 'd''s None and the tuple key (a dict's keys are its
	// elements); not (1, 2), [None, -1] (with its None), {'x': {'y'}}.
	if n := refsOnLine(mod, 2); n != 3 {
		t.Errorf("line 2: %d references, want 3 (the dict, its None value, its tuple key)", n)
	}
	keep := opAt(t, mod, asyncir.OpCall, 3)
	if keep.External != "asyncio.sleep" {
		t.Errorf("line 3: call %q, want asyncio.sleep", keep.External)
	}
	// The dict, the tuple around the call, the tuple around the f-string.
	if n := refsOnLine(mod, 3); n < 3 {
		t.Errorf("line 3: %d references, want the dict and both tuples lowered", n)
	}
	// In a function: the dict, the tuple, the list and its None.
	if n := refsOnLine(funcNamed(t, prog, "g"), 6); n != 4 {
		t.Errorf("g: %d references, want 4", n)
	}
}
