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
