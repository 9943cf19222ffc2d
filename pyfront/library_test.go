package pyfront

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// site is a fake installed environment: no interpreter is needed to test
// how installed modules are read.
var site = map[string]string{
	// A package that re-exports its client under an alias.
	"netlib/__init__.py": "from .client import Session as Session, connect\nfrom .star import *\n",
	"netlib/client.py": `from typing import Optional
from .conn import Connection
class Session:
    async def close(self) -> None: ...
    async def __aenter__(self) -> "Session":
        await self.close()
        return self
    async def __aexit__(self, *exc): ...
    def request(self, url) -> "Response":
        return Response()
class Response:
    async def text(self) -> str: ...
    def release(self) -> None: ...
async def connect(dsn) -> Connection:
    ...
`,
	"netlib/conn.py": `from typing import TypeVar
P = TypeVar("P", bound="Pool")
class Connection:
    async def execute(self, q): ...
    def cursor(self): return None
class Pool:
    async def __aenter__(self: P) -> P: ...
    async def acquire(self): ...
`,
	"netlib/star.py":  "__all__ = ['helper']\nasync def helper(): ...\n",
	"netlib/mixin.py": "class Commands:\n    def set(self, k, v):\n        return self.execute_command('SET', k, v)\n    def execute_command(self, *a): ...\n",
	"netlib/aio.py": `from .mixin import Commands
class Client(Commands):
    async def execute_command(self, *a): ...
    @classmethod
    def from_url(cls, url):
        return cls()
def from_url(url):
    from netlib.aio import Client
    return Client.from_url(url)
`,
	// A stub beside the source wins over it.
	"stubbed/__init__.py":  "def make(): return object()\n",
	"stubbed/__init__.pyi": "async def make() -> None: ...\n",
	// A stubs package wins over the source.
	"typed/__init__.py":        "def make(): return object()\n",
	"typed-stubs/__init__.pyi": "async def make() -> None: ...\n",
	// A namespace package.
	"nsp/inner/mod.py": "async def go(): ...\n",
	// Nothing says what this returns.
	"plain.py": "def factory(x):\n    return x.build()\n",
	// Never read: a package with nothing async in it.
	"clicky/__init__.py": "from .core import run\n",
	"clicky/core.py":     "def run():\n    return compute()\n",
	// Never read: nothing imports it.
	"unused/__init__.py": "async def never(): ...\n",
}

const app = `import netlib
import netlib.aio as aio
from netlib import Session, connect, helper
from stubbed import make
import typed
from nsp.inner.mod import go
import plain
import netlib.conn
async def main():
    Session().close()
    s = netlib.Session()
    s.close()
    async with Session() as t:
        t.close()
    r = s.request("u")
    r.text()
    r.release()
    c = await connect("dsn")
    c.execute("q")
    c.cursor()
    helper()
    make()
    typed.make()
    go()
    aio.from_url("u").set("k", "v")
    plain.factory(1).close()
    async with netlib.conn.Pool() as p:
        p.acquire()
    import clicky
    clicky.run()
`

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func loadWithLibrary(t *testing.T, cache string) (*Result, string) {
	t.Helper()
	return loadSite(t, site, app, cache)
}

// loadSite loads app over a fake installed site holding files, with the
// library cache in cache ("-" for none); it returns the site's directory.
func loadSite(t *testing.T, files map[string]string, app, cache string) (*Result, string) {
	t.Helper()
	root := t.TempDir()
	sites := filepath.Join(root, "site")
	writeTree(t, sites, files)
	proj := filepath.Join(root, "proj")
	writeTree(t, proj, map[string]string{"app.py": app})
	lib := NewLibrary(&Environment{Sites: []string{sites}}, cache)
	r := Load([]File{{Path: filepath.Join(proj, "app.py")}}, asyncir.PythonModels(), Options{Library: lib})
	if len(r.Warnings) > 0 {
		t.Fatal(r.Warnings)
	}
	return r, sites
}

func TestLibraryNames(t *testing.T) {
	cache := t.TempDir()
	for _, run := range []string{"cold cache", "warm cache", "no cache"} {
		dir := cache
		if run == "no cache" {
			dir = "-"
		}
		r, _ := loadWithLibrary(t, dir)
		prog := r.Program
		want := map[int]string{
			10: "Session.close", 12: "Session.close", 14: "Session.close", 16: "Response.text", 18: "connect",
			19: "Connection.execute", 21: "helper", 22: "make", 23: "make", 24: "go",
			25: "Client.execute_command", 28: "Pool.acquire",
		}
		for line := 10; line <= 28; line++ {
			if _, ok := want[line]; !ok && line != 27 { // 27: async with, no call of its own
				want[line] = ""
			}
		}
		t.Run(run, func(t *testing.T) { checkCoroutines(t, prog, want) })
		// Only what the names resolve through is read: not unused/, not
		// the sources a stub stands for.
		if r.LibraryFiles != 10 {
			t.Errorf("%s: %d library files read, want 10", run, r.LibraryFiles)
		}
		if prog.Module("netlib.client") != nil {
			t.Errorf("%s: a library module is part of the program", run)
		}
	}
}

// TestLibraryElseBranchKept: an installed module that binds a name in
// both branches of an if (jupyter_core.paths: is_file_hidden is the
// Windows or the POSIX function by sys.platform) or in a try and its
// except says neither; its skeleton once kept the if without the else,
// and the first branch's function was taken for the name.
func TestLibraryElseBranchKept(t *testing.T) {
	root := t.TempDir()
	sites := filepath.Join(root, "site")
	writeTree(t, sites, map[string]string{"plat.py": `import os
import sys
def hidden_win(path):
    os.stat(path)
def hidden_posix(path):
    os.stat(path)
async def fast(): ...
def slow(): ...
if sys.platform == "win32":
    hidden = hidden_win
else:
    hidden = hidden_posix
try:
    import uvloop
    run = fast
except ImportError:
    run = slow
`})
	proj := filepath.Join(root, "proj")
	writeTree(t, proj, map[string]string{"app.py": "from plat import hidden, run\nasync def main(p):\n    hidden(p)\n    run()\n"})
	for _, cache := range []string{t.TempDir(), "-"} {
		lib := NewLibrary(&Environment{Sites: []string{sites}}, cache)
		r := Load([]File{{Path: filepath.Join(proj, "app.py")}}, asyncir.PythonModels(), Options{Library: lib})
		for line := 3; line <= 4; line++ {
			if op := callAt(t, r.Program, "app", line); op.Callee != nil || op.Result.Type().Await != asyncir.NotAwaitable {
				t.Errorf("line %d: callee %v, type %+v; want unknown", line, op.Callee, op.Result.Type())
			}
		}
	}
}

// loadApp loads app.py over a fake installed site holding files.
func loadApp(t *testing.T, files map[string]string, app string) *asyncir.Program {
	t.Helper()
	r, _ := loadSite(t, files, app, "-")
	return r.Program
}

// checkCoroutines checks which calls of app.py make a coroutine: want
// maps a line to the method's qualified name, "" for not a coroutine.
func checkCoroutines(t *testing.T, prog *asyncir.Program, want map[int]string) {
	t.Helper()
	for line, w := range want {
		op := callAt(t, prog, "app", line)
		got := ""
		if op.Result.Type().Await == asyncir.Coroutine {
			got = "?"
			if o := op.Result.Type().Origin; o != nil {
				got = o.QualName
			}
		}
		if got != w {
			t.Errorf("line %d: coroutine %q, want %q", line, got, w)
		}
	}
}
