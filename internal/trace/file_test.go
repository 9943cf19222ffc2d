package trace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/verify"
)

// TestFileRoundTrip: a record is written whole (a .gitignore beside it in
// a new .asynclint directory, no temporary file left) and read back; a
// record of another format version is refused.
func TestFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "app.py")
	writeFiles(t, dir, map[string]string{"app.py": "import asyncio\n"})
	rec := &Recording{ExitCode: 3, Events: []verify.Event{
		{Kind: "never-awaited", File: app, Line: 1, Detail: "coroutine 'x' was never awaited",
			Stack: []verify.Frame{{File: app, Line: 1}, {File: "/usr/lib/python3.11/asyncio/events.py", Line: 80}}},
		{Kind: "deprecation", Detail: "no project line"},
	}}
	path := filepath.Join(dir, ".asynclint", "trace.json")
	if err := NewFile(rec, []string{"python3", "app.py"}, []string{dir}).Write(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.ExitCode != 3 || len(got.Events) != 2 || got.Events[0].Stack[0].Line != 1 || strings.Join(got.Command, " ") != "python3 app.py" {
		t.Errorf("read back %+v", got)
	}
	if len(got.Files) != 1 || got.Files[app] != Hash([]byte("import asyncio\n")) {
		t.Errorf("files = %v, want app.py's hash alone (the stdlib frame is not the project's)", got.Files)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".gitignore", "trace.json"}) {
		t.Errorf(".asynclint holds %v, want .gitignore and trace.json", names)
	}

	writeFiles(t, dir, map[string]string{"old.json": `{"version": 0, "events": []}`})
	if _, err := ReadFile(filepath.Join(dir, "old.json")); err == nil || !strings.Contains(err.Error(), "version") {
		t.Errorf("a record of another version: err = %v", err)
	}
}

// TestFreshEvents: an event in a file changed since the trace is left out,
// a frame in a changed file is cut from a kept event's stack, and frames
// outside the project stay.
func TestFreshEvents(t *testing.T) {
	f := &File{
		Files: map[string]string{"/p/a.py": Hash([]byte("a")), "/p/b.py": Hash([]byte("b"))},
		Events: []verify.Event{
			{Kind: "blocking-via-helper", File: "/p/a.py", Line: 1, Stack: []verify.Frame{{File: "/p/b.py", Line: 2}, {File: "/usr/lib/x.py", Line: 3}, {File: "/p/a.py", Line: 1}}},
			{Kind: "never-awaited", File: "/p/b.py", Line: 4},
			{Kind: "never-awaited", File: "/p/c.py", Line: 5}, // no hash: not the project's
		},
	}
	now := map[string]string{"/p/a.py": "a", "/p/b.py": "b, edited"}
	asked := map[string]int{}
	content := func(p string) ([]byte, bool) {
		asked[p]++
		s, ok := now[p]
		return []byte(s), ok
	}
	got := f.FreshEvents(func(verify.Event) bool { return true }, content)
	if len(got) != 1 || got[0].File != "/p/a.py" {
		t.Fatalf("fresh events %+v, want a.py's alone", got)
	}
	if want := []verify.Frame{{File: "/usr/lib/x.py", Line: 3}, {File: "/p/a.py", Line: 1}}; !slices.Equal(got[0].Stack, want) {
		t.Errorf("stack %+v, want %+v (b.py changed)", got[0].Stack, want)
	}
	if len(f.Events[0].Stack) != 3 {
		t.Errorf("the record's own stack was cut: %+v", f.Events[0].Stack)
	}
	if asked["/p/a.py"] != 1 || asked["/p/b.py"] != 1 {
		t.Errorf("content asked %v, want once per file", asked)
	}
	if got := f.FreshEvents(func(e verify.Event) bool { return e.File != "/p/a.py" }, content); len(got) != 0 {
		t.Errorf("keep ignored: %+v", got)
	}
}
