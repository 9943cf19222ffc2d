package pyfront

import (
	"bytes"
	"strings"
	"testing"
)

const splitSrc = `"""Docstring with a def inside:
def not_a_def(): ...
"""
import os
from .conn import (
    Connection,
    Pool,
)
TABLE = {"a": 'it\'s', "b": """x
class Fake: ...
"""}

@decorator(
    arg=1,
)
class Session(Base):
    """Doc."""
    timeout: float = 1.0

    def __init__(self, conn):  # a comment with a ( bracket
        self.conn = conn

    def request(self, url) -> "Response":
        x = [1,
             2]
        return Response(self.lines, self.close)

    def helper(self):
        return compute(self)

    async def close(self) -> None:
        await self.conn.close()

    def lines(self):
        for l in self.conn:
            yield l

if sys.version_info >= (3, 8):
    def chosen(): ...
async def connect(dsn) -> Connection:
    return await Connection.open(dsn)
def one(): return 1
`

func TestSplitLibrary(t *testing.T) {
	sp := splitLibrary([]byte(splitSrc), nil)
	if sp == nil {
		t.Fatal("the text does not scan")
	}
	rows := func(b []byte) []string { return strings.Split(string(b), "\n") }
	want := rows([]byte(splitSrc))
	// The skeleton keeps the binding statements on their own rows and
	// nothing else.
	skel := rows(sp.skeleton)
	for i, line := range skel {
		if line != "" && line != want[i] {
			t.Errorf("skeleton row %d is %q, the file's is %q", i+1, line, want[i])
		}
	}
	for _, kept := range []string{"import os", "    Pool,", "TABLE = {\"a\": 'it\\'s', \"b\": \"\"\"x", "if sys.version_info >= (3, 8):", "    def chosen(): ..."} {
		if !bytes.Contains(sp.skeleton, []byte(kept+"\n")) {
			t.Errorf("skeleton lacks %q:\n%s", kept, sp.skeleton)
		}
	}
	for _, dropped := range []string{"class Session", "async def connect", "def one"} {
		if bytes.Contains(sp.skeleton, []byte(dropped)) {
			t.Errorf("skeleton keeps %q", dropped)
		}
	}
	var names []string
	for n := range sp.defs {
		names = append(names, n)
	}
	if len(sp.defs) != 3 || sp.defs["Session"] == nil || sp.defs["connect"] == nil || sp.defs["one"] == nil {
		t.Fatalf("definitions %v, want Session, connect, one", names)
	}
	// A class keeps the bodies of the methods the project names (and of
	// dunders); the others and coroutines that its kept code names keep
	// their headers, and a method nothing names is left out.
	wanted := func(n string) bool { return n == "request" || isDunder(n) }
	cls, dropped := sp.chunk(sp.defs["Session"][0], wanted)
	if len(dropped) != 1 || dropped[0] != "helper" {
		t.Errorf("dropped %q, want [helper]", dropped)
	}
	got := rows(cls)
	for i, line := range got {
		if line != "" && line != want[i] && strings.TrimSpace(line) != "..." && strings.TrimSpace(line) != "yield" {
			t.Errorf("chunk row %d is %q, the file's is %q", i+1, line, want[i])
		}
	}
	for _, kept := range []string{"@decorator(\n    arg=1,\n)\nclass Session(Base):", "self.conn = conn", "return Response(self.lines, self.close)", "async def close(self) -> None:\n        ...", "def lines(self):\n        yield"} {
		if !bytes.Contains(cls, []byte(kept)) {
			t.Errorf("class chunk lacks %q:\n%s", kept, cls)
		}
	}
	for _, dropped := range []string{"def helper", "compute(self)", "await self.conn.close()", "for l in"} {
		if bytes.Contains(cls, []byte(dropped)) {
			t.Errorf("class chunk keeps %q:\n%s", dropped, cls)
		}
	}
	if c, _ := sp.chunk(sp.defs["connect"][0], wanted); !bytes.HasSuffix(c, []byte("async def connect(dsn) -> Connection:\n    ...\n")) {
		t.Errorf("coroutine chunk:\n%s", c)
	}
}

// A text that does not scan is parsed whole.
func TestSplitLibraryGivesUp(t *testing.T) {
	for _, src := range []string{"x = 'unterminated\n", "f(\n", "  indented = 1\n"} {
		if splitLibrary([]byte(src), nil) != nil {
			t.Errorf("%q: split", src)
		}
	}
}
