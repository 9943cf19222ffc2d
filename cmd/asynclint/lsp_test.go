package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/lsp"
	"github.com/asynclint/asynclint/internal/srcpos"
)

// buildBinary builds asynclint into a temporary directory: the end-to-end
// tests talk to the real executable, as an editor does.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "asynclint")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// rpcClient speaks plain JSON-RPC 2.0 with LSP framing to a server process.
type rpcClient struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	msgs   chan map[string]json.RawMessage
	nextID int
	stderr strings.Builder
}

func startServer(t *testing.T, bin, dir string) *rpcClient {
	t.Helper()
	c := &rpcClient{t: t, msgs: make(chan map[string]json.RawMessage, 100)}
	c.cmd = exec.Command(bin, "lsp")
	c.cmd.Dir = dir
	c.cmd.Stderr = &c.stderr
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.cmd.Process.Kill()
		c.cmd.Wait()
	})
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(stdout)
		for {
			var length int
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				line = strings.TrimSpace(line)
				if line == "" {
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
			if err := json.Unmarshal(body, &m); err != nil {
				return
			}
			c.msgs <- m
		}
	}()
	return c
}

func (c *rpcClient) writeRaw(body string) {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

func (c *rpcClient) write(msg map[string]any) {
	c.t.Helper()
	msg["jsonrpc"] = "2.0"
	b, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.writeRaw(string(b))
}

func (c *rpcClient) notify(method string, params any) {
	c.t.Helper()
	c.write(map[string]any{"method": method, "params": params})
}

// next returns the next message from the server. The deadline only guards
// against a hung server; nothing here measures time.
func (c *rpcClient) next() map[string]json.RawMessage {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatalf("server closed its output\nstderr:\n%s", c.stderr.String())
		}
		return m
	case <-time.After(60 * time.Second):
		c.t.Fatalf("no message from the server within a minute\nstderr:\n%s", c.stderr.String())
	}
	return nil
}

// call sends a request and returns its response, skipping notifications.
func (c *rpcClient) call(method string, params any) (result, rpcErr json.RawMessage) {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.write(map[string]any{"id": id, "method": method, "params": params})
	for {
		m := c.next()
		if string(m["id"]) == strconv.Itoa(id) && m["method"] == nil {
			return m["result"], m["error"]
		}
	}
}

// diagnostics waits for the next publishDiagnostics for uri.
func (c *rpcClient) diagnostics(uri string) lsp.PublishDiagnosticsParams {
	c.t.Helper()
	for {
		m := c.next()
		if string(m["method"]) != `"textDocument/publishDiagnostics"` {
			continue
		}
		var p lsp.PublishDiagnosticsParams
		if err := json.Unmarshal(m["params"], &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri {
			return p
		}
	}
}

func fileURI(p string) string { return "file://" + filepath.ToSlash(p) }

const lspModels = `async def save(item):
    return item
`

// The AL101 call follows a 2-byte and a 4-byte UTF-8 character on its
// line, so its UTF-16 column (15) differs from its byte column (18, 0-based).
const lspApp = `import asyncio
from models import save


async def main():
    x = "é😀"; save(1)
    await asyncio.sleep(0)
`

func TestLSPOverStdio(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	for name, src := range map[string]string{"models.py": lspModels, "app.py": lspApp} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := startServer(t, bin, dir)
	res, rerr := c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}})
	if rerr != nil {
		t.Fatalf("initialize failed: %s", rerr)
	}
	var init lsp.InitializeResult
	if err := json.Unmarshal(res, &init); err != nil {
		t.Fatal(err)
	}
	if init.Capabilities.TextDocumentSync.Change != 2 || !init.Capabilities.TextDocumentSync.OpenClose || len(init.Capabilities.CodeActionProvider.CodeActionKinds) == 0 {
		t.Errorf("capabilities = %+v, want incremental sync and quick fixes", init.Capabilities)
	}
	c.notify("initialized", map[string]any{})

	appURI := fileURI(filepath.Join(dir, "app.py"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": appURI, "languageId": "python", "version": 1, "text": lspApp}})
	p := c.diagnostics(appURI)
	if len(p.Diagnostics) != 1 {
		t.Fatalf("after didOpen: %d diagnostics, want 1: %+v", len(p.Diagnostics), p.Diagnostics)
	}
	d := p.Diagnostics[0]
	wantRange := lsp.Range{Start: lsp.Position{Line: 5, Character: 15}, End: lsp.Position{Line: 5, Character: 22}}
	if d.Code != "AL101" || d.Range != wantRange || d.Severity != 1 || d.Source != "asynclint" ||
		d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "#al101") || !strings.Contains(d.Message, "`save`") {
		t.Errorf("diagnostic = %+v, want AL101 at %+v (UTF-16) with a doc link", d, wantRange)
	}
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("diagnostics version = %v, want 1", p.Version)
	}

	// An incremental edit adding a second unawaited call on a new line.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": appURI, "version": 2},
		"contentChanges": []any{map[string]any{"range": lsp.Range{Start: lsp.Position{Line: 6, Character: 0}, End: lsp.Position{Line: 6, Character: 0}}, "text": "    save(2)\n"}},
	})
	p = c.diagnostics(appURI)
	if len(p.Diagnostics) != 2 || p.Diagnostics[1].Range.Start != (lsp.Position{Line: 6, Character: 4}) || *p.Version != 2 {
		t.Fatalf("after didChange: %+v, want a second AL101 at 6:4", p)
	}

	// source.fixAll (fix on save) fixes both calls in one edit.
	res, rerr = c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": appURI},
		"range":        lsp.Range{},
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}},
	})
	var fixAll []lsp.CodeAction
	if err := json.Unmarshal(res, &fixAll); rerr != nil || err != nil || len(fixAll) != 1 || fixAll[0].Kind != "source.fixAll.asynclint" {
		t.Fatalf("source.fixAll: %s %s", res, rerr)
	}
	text := strings.Replace(lspApp, "    await asyncio.sleep(0)\n", "    save(2)\n    await asyncio.sleep(0)\n", 1)
	fixed := applyTextEdits(t, text, fixAll[0].Edit.Changes[appURI])
	if want := strings.NewReplacer("; save(1)", "; await save(1)", "    save(2)", "    await save(2)").Replace(text); fixed != want {
		t.Errorf("after source.fixAll:\n%s\nwant:\n%s", fixed, want)
	}

	// The quick fix for the new call inserts "await ".
	res, rerr = c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": appURI},
		"range":        lsp.Range{Start: lsp.Position{Line: 6, Character: 6}, End: lsp.Position{Line: 6, Character: 6}},
		"context":      map[string]any{"diagnostics": []any{p.Diagnostics[1]}},
	})
	if rerr != nil {
		t.Fatalf("codeAction: %s", rerr)
	}
	var actions []lsp.CodeAction
	if err := json.Unmarshal(res, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != "quickfix" || !actions[0].IsPreferred || actions[0].Edit == nil {
		t.Fatalf("code actions = %+v, want one preferred quick fix", actions)
	}
	edits := actions[0].Edit.Changes[appURI]
	want := lsp.TextEdit{Range: lsp.Range{Start: lsp.Position{Line: 6, Character: 4}, End: lsp.Position{Line: 6, Character: 4}}, NewText: "await "}
	if len(edits) != 1 || edits[0] != want {
		t.Fatalf("quick fix edits = %+v, want %+v", edits, want)
	}
	// Applying it (as the client would) clears that diagnostic.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": appURI, "version": 3},
		"contentChanges": []any{map[string]any{"range": edits[0].Range, "text": edits[0].NewText}},
	})
	p = c.diagnostics(appURI)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start.Line != 5 {
		t.Fatalf("after applying the fix: %+v, want only the line-5 AL101", p.Diagnostics)
	}

	// Changing an imported module re-checks its importer: once save is no
	// longer async, app.py is clean.
	modelsURI := fileURI(filepath.Join(dir, "models.py"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": modelsURI, "languageId": "python", "version": 1, "text": lspModels}})
	c.diagnostics(modelsURI)
	if p := c.diagnostics(appURI); len(p.Diagnostics) != 1 {
		t.Errorf("opening models.py re-checks app.py: %+v, want its AL101", p.Diagnostics)
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": modelsURI, "version": 2},
		"contentChanges": []any{map[string]any{"range": lsp.Range{Start: lsp.Position{Line: 0, Character: 0}, End: lsp.Position{Line: 0, Character: 6}}, "text": ""}},
	})
	p = c.diagnostics(appURI)
	if len(p.Diagnostics) != 0 {
		t.Errorf("app.py after models.save became sync: %+v, want no diagnostics", p.Diagnostics)
	}

	// Malformed input never takes the server down.
	c.writeRaw("{not json")
	fmt.Fprintf(c.stdin, "X-Nothing: 1\r\n\r\n")
	c.writeRaw(`{"jsonrpc":"2.0","id":99}`)
	c.writeRaw(`[]`)
	c.notify("textDocument/didOpen", "not an object")
	c.notify("$/unknownNotification", map[string]any{})
	if _, rerr := c.call("workspace/unknownMethod", map[string]any{}); !strings.Contains(string(rerr), "-32601") {
		t.Errorf("unknown method: error %s, want -32601", rerr)
	}
	if _, rerr := c.call("textDocument/codeAction", "bad params"); !strings.Contains(string(rerr), "-32602") {
		t.Errorf("bad params: error %s, want -32602", rerr)
	}
	if res, rerr := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.py"}, "range": lsp.Range{}}); rerr != nil || string(res) != "[]" {
		t.Errorf("codeAction on an unknown document: %s %s", res, rerr)
	}
	// A huge document is kept but not analysed.
	hugeURI := fileURI(filepath.Join(dir, "huge.py"))
	huge := strings.Repeat("async def f():\n    g()\n", 500_000) // 11 MB
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": hugeURI, "languageId": "python", "version": 1, "text": huge}})
	if p := c.diagnostics(hugeURI); len(p.Diagnostics) != 0 {
		t.Errorf("huge document: %d diagnostics, want none", len(p.Diagnostics))
	}
	// Still answering after all that.
	if _, rerr := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": appURI}, "range": lsp.Range{}}); rerr != nil {
		t.Errorf("server stopped answering: %s", rerr)
	}

	if _, rerr := c.call("shutdown", nil); rerr != nil {
		t.Errorf("shutdown: %s", rerr)
	}
	c.notify("exit", nil)
	c.stdin.Close()
	if err := c.cmd.Wait(); err != nil {
		t.Errorf("server exit after shutdown+exit: %v, want status 0\nstderr:\n%s", err, c.stderr.String())
	}
	if !strings.Contains(c.stderr.String(), "message body is not JSON, skipped") {
		t.Errorf("stderr does not log the malformed message:\n%s", c.stderr.String())
	}
}

// applyTextEdits applies LSP edits (UTF-16 positions) to text.
func applyTextEdits(t *testing.T, text string, edits []lsp.TextEdit) string {
	t.Helper()
	offset := func(p lsp.Position) int {
		starts := srcpos.LineStarts([]byte(text))
		if p.Line >= len(starts) {
			return len(text)
		}
		return starts[p.Line] + srcpos.ByteCount(srcpos.Line([]byte(text), starts, p.Line), p.Character)
	}
	sorted := slices.Clone(edits)
	slices.SortFunc(sorted, func(a, b lsp.TextEdit) int { return offset(b.Range.Start) - offset(a.Range.Start) })
	for _, e := range sorted {
		s, end := offset(e.Range.Start), offset(e.Range.End)
		text = text[:s] + e.NewText + text[end:]
	}
	return text
}
