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
