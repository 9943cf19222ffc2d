package pyfront

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// load writes files into a temp tree and loads them all.
func load(t *testing.T, files map[string]string) *asyncir.Program {
	t.Helper()
	return loadWith(t, files, Options{})
}

// loadEager lowers every definition of every file (as the language
// server does), for tests of how a construct is lowered rather than of
// what the fast path lowers.
func loadEager(t *testing.T, files map[string]string) *asyncir.Program {
	t.Helper()
	return loadWith(t, files, Options{Eager: true})
}

func loadWith(t *testing.T, files map[string]string, opts Options) *asyncir.Program {
	t.Helper()
	dir := t.TempDir()
	var in []File
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		in = append(in, File{Path: p})
	}
	r := Load(in, asyncir.PythonModels(), opts)
	if len(r.Warnings) > 0 {
		t.Fatal(r.Warnings)
	}
	return r.Program
}

// callAt returns the call op on a line of the module.
func callAt(t *testing.T, prog *asyncir.Program, module string, line int) *asyncir.Op {
	t.Helper()
	m := prog.Module(module)
	if m == nil {
		t.Fatalf("no module %s", module)
	}
	var found *asyncir.Op
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpCall && int(op.Range.Start.Line) == line {
				found = op
			}
		})
	}
	if found == nil {
		t.Fatalf("%s: no call on line %d", module, line)
	}
	return found
}

func TestModuleNames(t *testing.T) {
	prog := load(t, map[string]string{
		"src/pkg/__init__.py":     "from .sub import thing\n",
		"src/pkg/sub/__init__.py": "async def thing(): pass\n",
		"src/pkg/sub/leaf.py":     "async def leaf(): pass\n",
		"tool.py":                 "import asyncio\n",
	})
	for _, name := range []string{"pkg", "pkg.sub", "pkg.sub.leaf", "tool"} {
		if prog.Module(name) == nil {
			t.Errorf("module %s not found", name)
		}
	}
}

func TestImportsAndReexports(t *testing.T) {
	prog := load(t, map[string]string{
		"pkg/__init__.py":   "from .impl import run as start\n",
		"pkg/impl.py":       "async def run(): pass\n",
		"pkg/a/__init__.py": "",
		"pkg/a/b.py": `import asyncio
from .. import start
from ..impl import run
import pkg.impl as impl
import pkg.impl
async def main():
    start()
    run()
    impl.run()
    pkg.impl.run()
`,
	})
	for line := 7; line <= 10; line++ {
		op := callAt(t, prog, "pkg.a.b", line)
		if op.Callee == nil || op.Callee.QualName != "run" || op.Result.Type().Await != asyncir.Coroutine {
			t.Errorf("line %d: callee %v, type %+v", line, op.Callee, op.Result.Type())
		}
	}
}

func TestMethodsThroughBases(t *testing.T) {
	prog := load(t, map[string]string{
		"base.py": "class Base:\n    async def close(self): pass\n",
		"impl.py": `from base import Base
class Impl(Base):
    def __init__(self):
        self.peer = Base()
    async def go(self, other: "Base", maybe: Base | None):
        self.close()
        super().close()
        self.peer.close()
        other.close()
        maybe.close()
    @classmethod
    async def make(cls):
        cls().close()
`,
	})
	for _, line := range []int{6, 7, 8, 9, 10, 13} {
		op := callAt(t, prog, "impl", line)
		if op.Callee == nil || op.Callee.QualName != "Base.close" {
			t.Errorf("line %d: callee = %v", line, op.Callee)
		}
	}
}

func TestDecoratorsKeepOrHide(t *testing.T) {
	prog := load(t, map[string]string{"d.py": `import functools
def keep(fn):
    @functools.wraps(fn)
    def w(*a):
        return fn(*a)
    return w
def hide(fn):
    def w(*a):
        return 1
    return w
@keep
async def a(): pass
@hide
async def b(): pass
@functools.lru_cache
async def c(): pass
@staticmethod
async def d(): pass
async def main():
    a()
    b()
    c()
    d()
`})
	want := map[int]bool{20: true, 21: false, 22: false, 23: true}
	for line, coro := range want {
		op := callAt(t, prog, "d", line)
		if got := op.Result.Type().Await == asyncir.Coroutine; got != coro {
			t.Errorf("line %d: coroutine = %v, want %v", line, got, coro)
		}
	}
}

func TestFastPathSkipsButKeepsImporters(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"lib.py":   "async def work(): pass\n",
		"user.py":  "from lib import work\ndef f():\n    work()\n",
		"plain.py": "import os\nprint(os.sep)\n",
	}
	var in []File
	for n, s := range files {
		p := filepath.Join(dir, n)
		os.WriteFile(p, []byte(s), 0o644)
		in = append(in, File{Path: p})
	}
	r := Load(in, asyncir.PythonModels(), Options{})
	if r.Lowered != 2 || r.Skipped != 1 {
		t.Fatalf("lowered %d, skipped %d", r.Lowered, r.Skipped)
	}
	if !r.Program.Module("user").Lowered || r.Program.Module("plain").Lowered {
		t.Fatal("wrong modules lowered")
	}
}

// TestModelsWinOverSource: linting the standard library puts asyncio's own
// source in the program; its modelled APIs must still resolve to the models.
func TestModelsWinOverSource(t *testing.T) {
	prog := load(t, map[string]string{
		"asyncio/__init__.py": "from .tasks import *\n",
		"asyncio/tasks.py":    "def create_task(coro):\n    return coro\n",
		"user.py":             "import asyncio\nasync def f(): pass\nasync def main():\n    asyncio.create_task(f())\n",
	})
	op := callAt(t, prog, "user", 4)
	if op.External != "asyncio.create_task" || op.Result.Type().Await != asyncir.AsyncioFuture {
		t.Fatalf("external %q, type %+v", op.External, op.Result.Type())
	}
}

// TestShadowedModuleStillLinked: two files with one dotted name (scripts
// outside packages) are both analysed.
func TestShadowedModuleStillLinked(t *testing.T) {
	prog := load(t, map[string]string{
		"a/tool.py": "async def f(): pass\nasync def main():\n    f()\n",
		"b/tool.py": "async def g(): pass\nasync def main():\n    g()\n",
	})
	n := 0
	for _, m := range prog.Modules {
		for _, f := range m.Funcs {
			f.Ops(func(op *asyncir.Op) {
				if op.Kind == asyncir.OpCall && op.Result.Type().Await == asyncir.Coroutine {
					n++
				}
			})
		}
	}
	if n != 2 {
		t.Fatalf("%d coroutine calls typed, want 2", n)
	}
}

// TestCheckedPackageDirIsNoImportRoot: checking a regular package's own
// directory (hypercorn/, no project marker above) must not make its
// logging.py the top-level "logging": Python never imports from inside a
// package, so `import logging` there is the standard library's, and
// `logging.Logger` is not the module's own async-method class Logger.
func TestCheckedPackageDirIsNoImportRoot(t *testing.T) {
	prog := load(t, map[string]string{
		"hypercorn/__init__.py": "",
		"hypercorn/logging.py": `import logging
from typing import Optional
def _create_logger(name: str) -> Optional[logging.Logger]:
    return logging.getLogger(name)
class Logger:
    def __init__(self) -> None:
        self.error_logger = _create_logger("hypercorn.error")
    async def info(self, message: str) -> None:
        if self.error_logger is not None:
            self.error_logger.info(message)
`,
	})
	op := callAt(t, prog, "hypercorn.logging", 10)
	if op.Callee != nil || op.Result.Type().Await != asyncir.NotAwaitable {
		t.Errorf("error_logger.info: callee %v, type %+v; want the standard library's Logger.info (unknown)", op.Callee, op.Result.Type())
	}
}

func TestNamespacePackages(t *testing.T) {
	prog := load(t, map[string]string{
		"pyproject.toml":         "[project]\nname = \"app\"\n",
		"pkg/sub/a.py":           "async def go(): pass\n",
		"pkg/sub/b.py":           "from .a import go as again\n",
		"src/lib/core/client.py": "class Client:\n    async def close(self): pass\n",
		"tests/helpers.py":       "async def settle(): pass\n",
		"tests/test_main.py": `import asyncio
from pkg.sub.a import go
from pkg.sub.b import again
import pkg.sub.a
from lib.core.client import Client
from tests.helpers import settle
from helpers import settle as settle2
async def test_main():
    go()
    again()
    pkg.sub.a.go()
    Client().close()
    settle()
    settle2()
`,
	})
	want := map[int]string{9: "go", 10: "go", 11: "go", 12: "Client.close", 13: "settle", 14: "settle"}
	for line, name := range want {
		op := callAt(t, prog, "test_main", line)
		if op.Callee == nil || op.Callee.QualName != name || op.Result.Type().Await != asyncir.Coroutine {
			t.Errorf("line %d: callee %v, type %+v; want %s", line, op.Callee, op.Result.Type(), name)
		}
	}
}
