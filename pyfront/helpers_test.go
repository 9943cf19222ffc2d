package pyfront

import "testing"

// TestHelpersLowered checks the fast path's helper rule: modules that an
// async module calls into are lowered, transitively; modules it only
// imports for constants, and modules nothing async touches, are not.
func TestHelpersLowered(t *testing.T) {
	prog := load(t, map[string]string{
		"app.py": `import asyncio
import consts
import store
from util import tidy


async def main():
    import lazy
    lazy.go()
    store.save(tidy(consts.NAME))
`,
		"consts.py": "NAME = 'x'\n",
		"store.py":  "import disk\n\n\ndef save(x):\n    disk.write(x)\n",
		"disk.py":   "def write(x):\n    open(x, 'w').close()\n",
		"util.py":   "def tidy(x):\n    return x.strip()\n",
		"lazy.py":   "def go():\n    pass\n",
		"other.py":  "import disk\n\n\ndef unrelated():\n    disk.write('y')\n",
	})
	want := map[string]bool{"app": true, "store": true, "disk": true, "util": true, "lazy": true, "consts": false, "other": false}
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
