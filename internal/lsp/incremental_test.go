package lsp

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/driver"
)

// incrementalProject is a package whose modules import each other: core
// defines a client, a blocking helper and coroutines; user imports them.
var incrementalProject = map[string]string{
	"pkg/__init__.py": "from .core import Client, fetch\n",
	"pkg/core.py": `import asyncio
import time


class Client:
    def __init__(self):
        self.items = []

    async def get(self, key):
        await asyncio.sleep(0)
        return key

    async def put(self, key, value):
        self.items.append((key, value))
        await asyncio.sleep(0)

    def size(self):
        return len(self.items)

    def execute(self, *args):
        return self.get(*args)


def slow_helper():
    time.sleep(0.1)


async def fetch(c, key):
    v = await c.get(key)
    slow_helper()
    return v


async def relay(c, key):
    return await c.get(key)


async def main():
    c = Client()
    await c.put(1, 2)
    await fetch(c, 1)
`,
	"pkg/user.py": `import asyncio

from pkg.core import Client, fetch, relay, slow_helper


async def run():
    c = Client()
    await fetch(c, 1)
    await relay(c, 1)
    c.get(2)
    c.execute(3)
    slow_helper()


def sync_entry():
    asyncio.run(run())
`,
}

// randomEdit is one edit of text, chosen by r among the kinds an editor
// session makes: blocking calls and awaits added or removed, imports
// added or removed, definitions added or made async, comments and blank
// lines that move everything below. It returns the byte range replaced
// and the new text.
func randomEdit(r *rand.Rand, text string) (start, end int, repl, what string) {
	lines := strings.SplitAfter(text, "\n")
	offsetOf := func(line int) int {
		n := 0
		for _, l := range lines[:line] {
			n += len(l)
		}
		return n
	}
	pick := func(pred func(string) bool) int {
		var ok []int
		for i, l := range lines {
			if pred(l) {
				ok = append(ok, i)
			}
		}
		if len(ok) == 0 {
			return -1
		}
		return ok[r.Intn(len(ok))]
	}
	switch r.Intn(10) {
	case 0: // a blocking call in a function body
		if i := pick(func(l string) bool { return strings.HasPrefix(l, "        ") || strings.HasPrefix(l, "    v =") }); i >= 0 {
			indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
			return offsetOf(i), offsetOf(i), indent + "time.sleep(1)\n", "add time.sleep"
		}
	case 1: // remove an await
		var at []int
		for i := 0; ; {
			j := strings.Index(text[i:], "await ")
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + 1
		}
		if len(at) > 0 {
			i := at[r.Intn(len(at))]
			return i, i + len("await "), "", "remove await"
		}
	case 2: // add an await before a call of a coroutine
		for _, call := range []string{"c.get(", "c.put(", "fetch(c", "relay(c"} {
			if i := strings.Index(text, call); i >= 0 && !strings.HasSuffix(text[:i], "await ") {
				return i, i, "await ", "add await"
			}
		}
	case 3: // add or remove an import (of the standard library, of a
		// module of the project, one that makes an import cycle)
		imp := []string{"import os\n", "import asyncio\n", "from pkg import user\n", "from redis import client\n"}[r.Intn(4)]
		if strings.HasPrefix(text, imp) {
			return 0, len(imp), "", "remove " + strings.TrimSpace(imp)
		}
		return 0, 0, imp, "add " + strings.TrimSpace(imp)
	case 4: // a comment at the end of a line
		i := r.Intn(len(lines))
		o := offsetOf(i) + len(strings.TrimRight(lines[i], "\n"))
		return o, o, "  # x", "comment"
	case 5: // a blank line: everything below moves
		i := r.Intn(len(lines))
		return offsetOf(i), offsetOf(i), "\n", "blank line"
	case 6: // make a synchronous method a coroutine function, or back
		if i := strings.Index(text, "    async def size("); i >= 0 {
			return i + 4, i + 10, "", "size sync"
		}
		if i := strings.Index(text, "    def size("); i >= 0 {
			return i + 4, i + 4, "async ", "size async"
		}
	case 7: // a new coroutine that blocks
		return len(text), len(text), fmt.Sprintf("\n\nasync def extra%d():\n    time.sleep(1)\n", r.Intn(1000)), "new def"
	case 9: // a call of a method no module names, typed as a new line
		if i := pick(func(l string) bool {
			return strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "    def") && !strings.HasPrefix(l, "    async def")
		}); i >= 0 {
			indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
			return offsetOf(i), offsetOf(i), fmt.Sprintf("%sc.zz%d()\n", indent, r.Intn(100)), "new method name"
		}
	case 8: // a return value changes
		if i := strings.Index(text, "return key\n"); i >= 0 {
			return i + 7, i + 10, "None", "return None"
		}
		if i := strings.Index(text, "return None\n"); i >= 0 {
			return i + 7, i + 11, "key", "return key"
		}
	}
	return 0, 0, "", "nothing"
}

// TestIncrementalMatchesColdCheck makes random edits in an open module
// (with an open module importing it) and checks, after every edit, that
// the diagnostics the server published for both equal those of a cold
// check of the same texts.
func TestIncrementalMatchesColdCheck(t *testing.T) {
	dir := t.TempDir()
	for name, src := range incrementalProject {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	core, user := filepath.Join(dir, "pkg/core.py"), filepath.Join(dir, "pkg/user.py")
	for seed := int64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkEdits(t, dir, core, []string{core, user}, 30, rand.New(rand.NewSource(seed)))
		})
	}
}

// TestIncrementalMatchesColdCheckRedis is the same over the redis
// package, editing its largest module.
func TestIncrementalMatchesColdCheckRedis(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a cold check of the redis package per edit")
	}
	if _, err := os.Stat(redisCore); err != nil {
		t.Skipf("%s not installed: %v", redisCore, err)
	}
	root := filepath.Dir(filepath.Dir(redisCore))
	checkEdits(t, root, redisCore, []string{redisCore}, 12, rand.New(rand.NewSource(7)))
}

// checkEdits opens the documents, edits the first n times with r and
// compares what the server published after each edit with a cold check.
func checkEdits(t *testing.T, root, edited string, open []string, n int, r *rand.Rand) {
	s := NewServer(Options{})
	published := map[string]PublishDiagnosticsParams{}
	incremental := 0
	s.notify = func(method string, params any) error {
		if p, ok := params.(PublishDiagnosticsParams); ok {
			published[p.URI] = p
		}
		return nil
	}
	s.initialize(InitializeParams{RootURI: pathToURI(root)})
	s.scanWorkspace()
	texts := map[string]string{}
	for _, p := range open {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = string(b)
		if err := s.didOpen(DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: pathToURI(p), Version: 1, Text: texts[p]}}); err != nil {
			t.Fatal(err)
		}
	}
	s.flush()
	var history []string
	for i := 0; i < n; i++ {
		text := texts[edited]
		start, end, repl, what := randomEdit(r, text)
		history = append(history, what)
		d := s.docs[edited]
		ch := TextDocumentContentChangeEvent{Range: &Range{Start: d.position(start), End: d.position(end)}, Text: repl}
		if err := s.didChange(DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: pathToURI(edited), Version: i + 2}, ContentChanges: []TextDocumentContentChangeEvent{ch}}); err != nil {
			t.Fatal(err)
		}
		texts[edited] = text[:start] + repl + text[end:]
		if string(s.docs[edited].text) != texts[edited] {
			t.Fatalf("after %v the server's text differs from the edited text", history)
		}
		before := s.session
		s.flush()
		if before != nil && s.session == before { // a full check leaves a new session
			incremental++
		}
		want := coldCheck(t, s, open)
		for _, p := range open {
			got, _ := json.Marshal(published[pathToURI(p)].Diagnostics)
			exp, _ := json.Marshal(want[p])
			if string(got) != string(exp) {
				t.Fatalf("after edits %v, %s:\n got  %s\n want %s\ntext:\n%s", history, filepath.Base(p), got, exp, texts[edited])
			}
		}
	}
	if incremental == 0 {
		t.Errorf("no edit of %v was checked incrementally", history)
	}
	shown := 0
	for _, p := range published {
		shown += len(p.Diagnostics)
	}
	t.Logf("%d of %d edits checked incrementally, %d diagnostics at the end: %v", incremental, n, shown, history)
}

// coldCheck runs the check the server would run from scratch on the open
// documents' texts and returns their diagnostics as published.
func coldCheck(t *testing.T, s *Server, open []string) map[string][]Diagnostic {
	t.Helper()
	s.mu.Lock()
	targets := slices.Clone(open)
	for _, p := range open {
		for _, q := range s.index.dependents(p) {
			if s.docs[q] != nil && !slices.Contains(targets, q) {
				targets = append(targets, q)
			}
		}
	}
	paths := s.index.closure(targets)
	overlay := map[string][]byte{}
	for p, d := range s.docs {
		overlay[p] = d.text
	}
	cfg := s.cfg
	s.mu.Unlock()
	res, err := driver.Run(driver.Options{Paths: paths, Config: cfg, Overlay: overlay, Eager: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]Diagnostic{}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range open {
		var diags = res.Diagnostics[:0:0]
		for _, d := range res.Diagnostics {
			if d.Range.File == p {
				diags = append(diags, d)
			}
		}
		out[p] = s.params(p, diags).Diagnostics
	}
	return out
}

// TestEditedDocumentFirst: after an edit the edited document is published
// first, then the open document importing it; an edit arriving meanwhile
// stops the dependents' analysis, which the next check takes up again.
func TestEditedDocumentFirst(t *testing.T) {
	dir := t.TempDir()
	for name, src := range incrementalProject {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	core, user := filepath.Join(dir, "pkg/core.py"), filepath.Join(dir, "pkg/user.py")
	s := NewServer(Options{})
	var order []string
	interrupt := false
	version := 1
	edit := func() {
		version++
		ch := TextDocumentContentChangeEvent{Range: &Range{Start: Position{Line: 0, Character: 0}, End: Position{Line: 0, Character: 0}}, Text: "#\n"}
		if err := s.didChange(DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: pathToURI(core), Version: version}, ContentChanges: []TextDocumentContentChangeEvent{ch}}); err != nil {
			t.Fatal(err)
		}
	}
	s.notify = func(method string, params any) error {
		if p, ok := params.(PublishDiagnosticsParams); ok {
			order = append(order, filepath.Base(p.URI))
			if interrupt && strings.HasSuffix(p.URI, "core.py") {
				interrupt = false
				edit() // the user types on while the dependents wait
			}
		}
		return nil
	}
	s.initialize(InitializeParams{RootURI: pathToURI(dir)})
	s.scanWorkspace()
	for _, p := range []string{core, user} {
		b, _ := os.ReadFile(p)
		if err := s.didOpen(DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: pathToURI(p), Version: 1, Text: string(b)}}); err != nil {
			t.Fatal(err)
		}
	}
	s.flush()
	sess := s.session
	order = nil
	edit()
	s.flush()
	if s.session != sess {
		t.Fatal("the edit was not checked incrementally")
	}
	if !slices.Equal(order, []string{"core.py", "user.py"}) {
		t.Errorf("published %v after an edit, want core.py then user.py", order)
	}
	order, interrupt = nil, true
	edit()
	s.flush()
	if !slices.Equal(order, []string{"core.py"}) {
		t.Errorf("published %v when an edit arrived after core.py, want core.py alone", order)
	}
	order = nil
	s.flush()
	if !slices.Equal(order, []string{"core.py", "user.py"}) {
		t.Errorf("published %v on the next check, want core.py then user.py", order)
	}
}
