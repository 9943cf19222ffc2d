package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pipeClient runs a Server in-process over pipes, so the race detector
// sees the handler and the worker together.
type pipeClient struct {
	t    *testing.T
	w    io.WriteCloser
	msgs chan map[string]json.RawMessage
	done chan bool
}

func startPipe(t *testing.T) *pipeClient {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &pipeClient{t: t, w: inW, msgs: make(chan map[string]json.RawMessage, 1000), done: make(chan bool, 1)}
	s := NewServer(Options{Version: "test"})
	go func() {
		c.done <- s.Serve(context.Background(), inR, outW)
		outW.Close()
	}()
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(outR)
		for {
			length := 0
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if line = strings.TrimSpace(line); line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					length, _ = strconv.Atoi(v)
				}
			}
			body := make([]byte, length)
			if _, err := io.ReadFull(r, body); err != nil {
				return
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil {
				c.msgs <- m
			}
		}
	}()
	t.Cleanup(func() { inW.Close() })
	return c
}

func (c *pipeClient) send(msg map[string]any) {
	msg["jsonrpc"] = "2.0"
	b, _ := json.Marshal(msg)
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b)
}

func (c *pipeClient) next() map[string]json.RawMessage {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("server output closed")
		}
		return m
	case <-time.After(60 * time.Second): // a hang guard, not a measurement
		c.t.Fatal("no message within a minute")
	}
	return nil
}

// TestCoalescedEditsEndOnTheLatestVersion sends a burst of edits without
// waiting; diagnostics may skip versions (coalescing) but never go back to
// an older one, and the last publication matches the last text.
func TestCoalescedEditsEndOnTheLatestVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.py")
	src := "import asyncio\n\n\nasync def f():\n    await asyncio.sleep(0)\n\n\nasync def main():\n    f()\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := pathToURI(path)
	c := startPipe(t)
	c.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"rootUri": pathToURI(dir)}})
	c.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	c.send(map[string]any{"method": "textDocument/didOpen", "params": DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: src}}})
	const edits = 30
	for i := 0; i < edits; i++ {
		line := 9 + i
		c.send(map[string]any{"method": "textDocument/didChange", "params": DidChangeTextDocumentParams{
			TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: i + 2},
			ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{line, 0}, End: Position{line, 0}}, Text: "    f()\n"}},
		}})
	}
	last := 0
	for last != edits+1 {
		m := c.next()
		if string(m["method"]) != `"textDocument/publishDiagnostics"` {
			continue
		}
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(m["params"], &p); err != nil {
			t.Fatal(err)
		}
		if p.Version == nil || *p.Version < last {
			t.Fatalf("diagnostics for version %v after version %d", p.Version, last)
		}
		last = *p.Version
		if last == edits+1 && len(p.Diagnostics) != edits+1 {
			t.Errorf("final diagnostics: %d, want %d (one per f() call)", len(p.Diagnostics), edits+1)
		}
	}
	// A code action right after more edits sees the newest text.
	c.send(map[string]any{"method": "textDocument/didChange", "params": DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 100},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{8, 4}, End: Position{8, 4}}, Text: "x = 1; "}},
	}})
	c.send(map[string]any{"id": 2, "method": "textDocument/codeAction", "params": CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri}, Range: Range{Start: Position{8, 11}, End: Position{8, 11}}}})
	for {
		m := c.next()
		if string(m["id"]) != "2" {
			continue
		}
		var actions []CodeAction
		if err := json.Unmarshal(m["result"], &actions); err != nil || len(actions) != 1 {
			t.Fatalf("code actions: %s (%v)", m["result"], err)
		}
		e := actions[0].Edit.Changes[uri][0]
		if e.Range.Start != (Position{8, 11}) || e.NewText != "await " {
			t.Errorf("quick fix edit %+v, want await at 8:11 of the newest text", e)
		}
		break
	}
	c.send(map[string]any{"id": 3, "method": "shutdown"})
	c.send(map[string]any{"method": "exit"})
	select {
	case clean := <-c.done:
		if !clean {
			t.Error("Serve did not report a clean shutdown")
		}
	case <-time.After(60 * time.Second):
		t.Fatal("server did not exit")
	}
}

func (c *pipeClient) raw(s string) { io.WriteString(c.w, s) }

// request sends a request and returns its response, skipping notifications.
func (c *pipeClient) request(id int, method string, params any) map[string]json.RawMessage {
	c.t.Helper()
	c.send(map[string]any{"id": id, "method": method, "params": params})
	return c.response(id)
}

// response waits for the response to id (a negative id: to no id).
func (c *pipeClient) response(id int) map[string]json.RawMessage {
	c.t.Helper()
	for {
		m := c.next()
		if string(m["id"]) == strconv.Itoa(id) || id < 0 && string(m["id"]) == "null" {
			return m
		}
	}
}

func errorCode(t *testing.T, m map[string]json.RawMessage) int {
	t.Helper()
	var e struct{ Code int }
	if err := json.Unmarshal(m["error"], &e); err != nil {
		t.Fatalf("no error in %s", m)
	}
	return e.Code
}

// TestServerAnswersAfterBadFrames writes each bad frame immediately followed
// by a real request in one write, as a client's stream carries them, and
// expects the request answered; an absurd length then ends the connection.
func TestServerAnswersAfterBadFrames(t *testing.T) {
	c := startPipe(t)
	c.request(1, "initialize", map[string]any{})
	bad := []string{
		"Content-Length: abc\r\n\r\n{}",
		"Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":90,\"method\":\"shutdown\"}",
		"Content-Length: -5\r\n\r\n{}",
		"Content-Length: 4\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":91,\"method\":\"shutdown\"}",
		"Content-Length: 5000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":92,\"method\":\"shutdown\"}",
	}
	for i, b := range bad {
		id := 10 + i
		req, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": "no/such/method"})
		c.raw(b + fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(req), req))
		if code := errorCode(t, c.response(id)); code != -32601 {
			t.Errorf("after %q: error %d, want -32601 (method not found)", b, code)
		}
	}
	c.raw("Content-Length: 8\r\n\r\n{\"id\":1]")
	if m := c.response(-1); string(m["id"]) != "null" || errorCode(t, m) != -32700 {
		t.Errorf("invalid JSON: %s, want a -32700 error with a null id", m)
	}
	c.raw("Content-Length: 999999999999\r\n\r\n{}")
	select {
	case <-c.done:
	case <-time.After(60 * time.Second): // a hang guard
		t.Fatal("an absurd Content-Length did not end the connection")
	}
}

// nextDiagnostics waits for the next publishDiagnostics, skipping other
// messages, and returns it with the window/showMessage texts seen before.
func (c *pipeClient) nextDiagnostics() (PublishDiagnosticsParams, []string) {
	c.t.Helper()
	var shown []string
	for {
		m := c.next()
		switch string(m["method"]) {
		case `"window/showMessage"`:
			var p LogMessageParams
			json.Unmarshal(m["params"], &p)
			shown = append(shown, p.Message)
		case `"textDocument/publishDiagnostics"`:
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(m["params"], &p); err != nil {
				c.t.Fatal(err)
			}
			return p, shown
		}
	}
}

func TestServerLifecycleErrors(t *testing.T) {
	c := startPipe(t)
	c.send(map[string]any{"method": "textDocument/didOpen", "params": DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: "file:///x.py", Version: 1, Text: "x = 1\n"}}})
	if code := errorCode(t, c.request(1, "textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: "file:///x.py"}})); code != -32002 {
		t.Errorf("request before initialize: error %d, want -32002", code)
	}
	if m := c.request(2, "initialize", map[string]any{}); m["error"] != nil {
		t.Fatalf("initialize: %s", m["error"])
	}
	if code := errorCode(t, c.request(3, "initialize", map[string]any{})); code != -32600 {
		t.Errorf("second initialize: error %d, want -32600", code)
	}
	// The didOpen before initialize was dropped: the document is not open.
	if m := c.request(4, "textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: "file:///x.py"}}); string(m["result"]) != "[]" && string(m["result"]) != "null" {
		t.Errorf("code actions for a document opened before initialize: %s", m["result"])
	}
}

// TestServerRejectsEditsOutsideTheDocument: an edit past the end is an
// error shown to the user, the stale diagnostics are cleared, and a save
// carrying the whole text resynchronises the document.
func TestServerRejectsEditsOutsideTheDocument(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.py")
	src := "import asyncio\n\n\nasync def f():\n    await asyncio.sleep(0)\n\n\nasync def main():\n    f()\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := pathToURI(path)
	c := startPipe(t)
	c.request(1, "initialize", map[string]any{"rootUri": pathToURI(dir)})
	c.send(map[string]any{"method": "textDocument/didOpen", "params": DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: src}}})
	if p, _ := c.nextDiagnostics(); len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics after open: %+v, want one", p.Diagnostics)
	}
	c.send(map[string]any{"method": "textDocument/didChange", "params": DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{40, 0}, End: Position{40, 0}}, Text: "    f()\n"}},
	}})
	p, shown := c.nextDiagnostics()
	if len(p.Diagnostics) != 0 || *p.Version != 2 {
		t.Errorf("diagnostics after a bad edit: version %d, %+v; want none", *p.Version, p.Diagnostics)
	}
	if len(shown) != 1 || !strings.Contains(shown[0], "line 40 is past the end of the document (10 lines)") {
		t.Errorf("messages shown: %q, want one naming the bad line", shown)
	}
	// Incremental edits to text the server does not have are not applied.
	c.send(map[string]any{"method": "textDocument/didChange", "params": DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 3},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{9, 0}, End: Position{9, 0}}, Text: "    f()\n"}},
	}})
	if p, _ := c.nextDiagnostics(); len(p.Diagnostics) != 0 {
		t.Errorf("diagnostics while lost: %+v", p.Diagnostics)
	}
	text := src + "    f()\n"
	c.send(map[string]any{"method": "textDocument/didSave", "params": DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}, Text: &text}})
	if p, _ := c.nextDiagnostics(); len(p.Diagnostics) != 2 {
		t.Errorf("diagnostics after the save resynchronised: %+v, want two", p.Diagnostics)
	}
}

// TestWorkspaceScan: the scan skips files over max-file-size (a generated
// module importing the edited one is never read or published), learns
// who imports the opened module, and a save re-checks unopened
// dependents while a keystroke re-checks only open ones.
func TestWorkspaceScan(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pyproject.toml": "[tool.asynclint]\nmax-file-size = 4096\n",
		"m.py":           "async def f():\n    pass\n",
		"dep.py":         "from m import f\n\n\nasync def g():\n    f()\n",
		"big.py":         "from m import f\n\n\nasync def g():\n    f()\n" + strings.Repeat("X = [1, 2, 3]\n", 400),
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mURI := pathToURI(filepath.Join(dir, "m.py"))
	c := startPipe(t)
	c.request(1, "initialize", map[string]any{"rootUri": pathToURI(dir)})
	c.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	c.send(map[string]any{"method": "textDocument/didOpen", "params": DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: mURI, Version: 1, Text: files["m.py"]}}})
	published := map[string]int{}
	indexed := false
	for !indexed || published[mURI] == 0 {
		m := c.next()
		switch string(m["method"]) {
		case `"window/logMessage"`:
			var p LogMessageParams
			json.Unmarshal(m["params"], &p)
			indexed = indexed || strings.Contains(p.Message, "indexed the imports of 2 files")
			if strings.Contains(p.Message, "big.py") && !strings.Contains(p.Message, "larger than the limit of 4096") {
				t.Errorf("log: %s", p.Message)
			}
		case `"textDocument/publishDiagnostics"`:
			var p PublishDiagnosticsParams
			json.Unmarshal(m["params"], &p)
			published[p.URI]++
		}
	}
	c.send(map[string]any{"method": "textDocument/didChange", "params": DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: mURI, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{2, 0}, End: Position{2, 0}}, Text: "# edited\n"}},
	}})
	for {
		p, _ := c.nextDiagnostics()
		published[p.URI]++
		if p.URI == mURI && p.Version != nil && *p.Version == 2 {
			break
		}
	}
	delete(published, mURI)
	text := files["m.py"] + "# edited\n"
	c.send(map[string]any{"method": "textDocument/didSave", "params": DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: mURI}, Text: &text}})
	depURI := pathToURI(filepath.Join(dir, "dep.py"))
	for published[depURI] == 0 {
		p, _ := c.nextDiagnostics()
		published[p.URI]++
		if p.URI == depURI && len(p.Diagnostics) != 1 {
			t.Errorf("dep.py after the save: %+v, want its AL101", p.Diagnostics)
		}
	}
	delete(published, mURI)
	if len(published) != 1 {
		t.Errorf("publications of other files %v: want dep.py once (on save; an edit re-checks only open files), big.py never", published)
	}
}
