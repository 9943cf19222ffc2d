package pyfront

import (
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// loadApp loads app.py over a fake installed site holding files.
func loadApp(t *testing.T, files map[string]string, app string) *asyncir.Program {
	t.Helper()
	root := t.TempDir()
	sites := filepath.Join(root, "site")
	writeTree(t, sites, files)
	proj := filepath.Join(root, "proj")
	writeTree(t, proj, map[string]string{"app.py": app})
	lib := NewLibrary(&Environment{Sites: []string{sites}}, "-")
	r := Load([]File{{Path: filepath.Join(proj, "app.py")}}, asyncir.PythonModels(), Options{Library: lib})
	if len(r.Warnings) > 0 {
		t.Fatal(r.Warnings)
	}
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

// A union of library classes is their nearest common base (anyio's
// connect_tcp -> Union[SocketStream, TLSStream]); classes with none in
// common stay unknown.
func TestLibraryUnionReturn(t *testing.T) {
	prog := loadApp(t, map[string]string{"streams.py": `from typing import Optional, Union
class Stream:
    async def send(self, data): ...
class Plain(Stream):
    async def send(self, data): ...
class Tls(Stream): ...
class Other:
    async def send(self, data): ...
async def connect() -> Union[Plain, Tls]: ...
async def either() -> "Plain | Other": ...
def maybe() -> Optional[Union[Tls, Plain]]: ...
`}, `import streams
async def main():
    s = await streams.connect()
    s.send(b"x")
    o = await streams.either()
    o.send(b"x")
    streams.maybe().send(b"x")
`)
	checkCoroutines(t, prog, map[int]string{4: "Stream.send", 6: "", 7: "Stream.send"})
}
