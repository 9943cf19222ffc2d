package pyfront

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// An installed package that binds its names through a lazy-import table
// (websockets' lazy_import, a model fact) exports them: websockets.connect
// and websockets.Protocol resolve to the modules the table names. The
// table is one statement longer than a skeleton keeps by default. A table
// passed to a call no model names binds nothing (unknown stays unknown),
// and a name the package binds itself stays its own.
func TestLazyExports(t *testing.T) {
	var aliases []string
	for i := range 30 {
		aliases = append(aliases, `"Unused`+strings.Repeat("x", i)+`": ".protocol"`)
	}
	table := `lazy_import(
    globals(),
    aliases={
        "connect": ".client",
        "Protocol": ".protocol",
        "own": ".protocol",
        ` + strings.Join(aliases, ",\n        ") + `,
    },
)
`
	root := t.TempDir()
	sites := filepath.Join(root, "site")
	writeTree(t, sites, map[string]string{
		"websockets/__init__.py": "from .imports import lazy_import\n\ndef own():\n    return 1\n\n" + table,
		"websockets/imports.py":  "def lazy_import(namespace, aliases=None, deprecated_aliases=None):\n    pass\n",
		"websockets/protocol.py": "class Protocol:\n    async def send(self, message):\n        pass\n\n    async def own(self):\n        pass\n",
		"websockets/client.py":   "from .protocol import Protocol\n\nasync def connect(uri) -> Protocol:\n    return Protocol()\n",
		"otherlib/__init__.py":   "from .imports import lazy_import\n\n" + strings.ReplaceAll(table, `".`, `"otherlib.`),
		"otherlib/imports.py":    "def lazy_import(namespace, aliases=None):\n    pass\n",
		"otherlib/protocol.py":   "class Protocol:\n    async def send(self, message):\n        pass\n",
		"otherlib/client.py":     "async def connect(uri):\n    pass\n",
	})
	if len(table) <= skeletonLimit {
		t.Fatalf("the table is %d bytes: it must be longer than a skeleton keeps (%d)", len(table), skeletonLimit)
	}
	proj := filepath.Join(root, "proj")
	writeTree(t, proj, map[string]string{"app.py": `import otherlib
import websockets


async def main(uri, other: otherlib.Protocol):
    websockets.connect(uri)
    ws = await websockets.connect(uri)
    ws.send("x")
    websockets.own()
    otherlib.connect(uri)
    other.send("x")
`})
	for _, run := range []string{"cold cache", "warm cache"} {
		lib := NewLibrary(&Environment{Sites: []string{sites}}, filepath.Join(root, "cache"))
		r := Load([]File{{Path: filepath.Join(proj, "app.py")}}, asyncir.PythonModels(), Options{Library: lib})
		if len(r.Warnings) > 0 {
			t.Fatal(r.Warnings)
		}
		want := map[int]string{6: "connect", 8: "Protocol.send", 9: "", 10: "", 11: ""}
		for line := 6; line <= 11; line++ {
			if line == 7 {
				continue
			}
			op := callAt(t, r.Program, "app", line)
			got := ""
			if op.Result.Type().Await == asyncir.Coroutine && op.Result.Type().Origin != nil {
				got = op.Result.Type().Origin.QualName
			}
			if got != want[line] {
				t.Errorf("%s: line %d: coroutine %q, want %q", run, line, got, want[line])
			}
		}
	}
}
