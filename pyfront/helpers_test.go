package pyfront

import "testing"

// TestHelpersLowered checks the fast path's helper rule: the modules whose
// functions async code calls are lowered, and what those functions call in
// turn; modules only imported for constants, modules reached only from
// functions nothing async calls, and modules nothing async touches are
// not.
func TestHelpersLowered(t *testing.T) {
	prog := load(t, map[string]string{
		"app.py": `import consts
import store
import pkg
from util import tidy


async def main():
    import lazy
    lazy.go()
    store.save(tidy(consts.NAME))
    pkg.exported()
`,
		"consts.py": "NAME = 'x'\n",
		"store.py": `import disk
import report


def save(x):
    _check(x)


def _check(x):
    disk.write(x)


def unused():
    report.render()
`,
		"disk.py":         "def write(x):\n    open(x, 'w').close()\n",
		"report.py":       "def render():\n    pass\n",
		"util.py":         "def tidy(x):\n    return x.strip()\n",
		"lazy.py":         "def go():\n    pass\n",
		"pkg/__init__.py": "from .impl import exported\n",
		"pkg/impl.py":     "import deep\n\n\ndef exported():\n    deep.work()\n",
		"deep.py":         "def work():\n    pass\n",
		"other.py":        "import disk\n\n\ndef unrelated():\n    disk.write('y')\n",
		"proto.py":        "import asyncio\nimport cbhelp\n\n\nclass P(asyncio.Protocol):\n    def data_received(self, d):\n        cbhelp.handle(d)\n",
		"cbhelp.py":       "def handle(d):\n    pass\n",
	})
	want := map[string]bool{
		"app": true, "store": true, "disk": true, "util": true, "lazy": true,
		"pkg": true, "pkg.impl": true, "deep": true, "proto": true, "cbhelp": true,
		"consts": false, "report": false, "other": false,
	}
	for name, lowered := range want {
		m := prog.Module(name)
		if m == nil {
			t.Fatalf("no module %s", name)
		}
		if m.Lowered != lowered {
			t.Errorf("%s: lowered = %v, want %v", name, m.Lowered, lowered)
		}
	}
}

// TestHelperModuleLoweredOnDemand: a module lowered only for its helpers
// gets the functions async code reaches (through calls, methods of its
// classes and functions handed on) and not the rest; one whose text names
// an async export is lowered whole.
func TestHelperModuleLoweredOnDemand(t *testing.T) {
	prog := load(t, map[string]string{
		"app.py": `import store
import both


async def main():
    store.save(1)
    store.Box().flush()
    both.plain()
`,
		"store.py": `import time


def save(x):
    run(_tick)


def run(cb):
    cb()


def _tick():
    time.sleep(1)


def unused():
    time.sleep(2)


class Box:
    def flush(self):
        self._write()

    def _write(self):
        pass


class Other:
    def idle(self):
        pass
`,
		"both.py": `import app


def plain():
    pass


def caller():
    return app.main
`,
	})
	funcs := func(mod string) map[string]bool {
		out := map[string]bool{}
		for _, f := range prog.Module(mod).Funcs {
			out[f.Name] = true
		}
		return out
	}
	got := funcs("store")
	for name, want := range map[string]bool{"save": true, "run": true, "_tick": true, "flush": true, "_write": true, "unused": false, "idle": false} {
		if got[name] != want {
			t.Errorf("store.%s lowered = %v, want %v", name, got[name], want)
		}
	}
	if got := funcs("both"); !got["caller"] {
		t.Errorf("both mentions app.main, an async export: want it lowered whole, got %v", got)
	}
}
