package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/lsp"
)

// The traced program: a forgotten await the run goes through, a blocking
// call reached through a dict of strategies (no static finding), and a
// blocking call in code the run never reaches.
const tracedApp = `import asyncio
import time

from helper import STRATEGIES


async def work():
    return 1


async def handler(name):
    work()  # dropped
    STRATEGIES[name]()  # strategy


async def untested():
    time.sleep(0.01)  # not run


asyncio.run(handler("slow"))
`

const tracedHelper = `import time


def slow():
    time.sleep(0.01)  # blocks


STRATEGIES = {"slow": slow}
`

// runtimeOf is the runtime mark a diagnostic carries in data.
func runtimeOf(d lsp.Diagnostic) string {
	m, _ := d.Data.(map[string]any)
	s, _ := m["runtime"].(string)
	return s
}

// TestTraceMarksInTheEditor: the record `asynclint trace` leaves in the
// project is what the language server shows — a finding the run
// confirmed says so (message and data), a runtime-only event is a
// diagnostic of its file with its stack as related information, an
// unconfirmed finding is left as it is; a buffer edited since the trace
// shows no marks until its text is the traced one again; and removing or
// rewriting the record updates the open document without an edit.
func TestTraceMarksInTheEditor(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	app := write(t, dir, "app.py", tracedApp)
	helper := write(t, dir, "helper.py", tracedHelper)
	t.Chdir(dir)
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	if code, out, errs := runCLI("trace", "--", "python3", "app.py"); code != 1 || !strings.Contains(out, "[runtime: confirmed]") {
		t.Fatalf("trace: exit %d\n%s\n%s", code, out, errs)
	}
	record := filepath.Join(dir, ".asynclint", "trace.json")
	if _, err := os.Stat(record); err != nil {
		t.Fatalf("trace left no record where the server looks: %v", err)
	}

	c := startServer(t, bin, dir)
	if _, rerr := c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}}); rerr != nil {
		t.Fatalf("initialize failed: %s", rerr)
	}
	c.notify("initialized", map[string]any{})
	uri := fileURI(app)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "python", "version": 1, "text": tracedApp}})

	line := func(text, marker string) int { // 0-based, as LSP counts
		for i, l := range strings.Split(text, "\n") {
			if strings.Contains(l, marker) {
				return i
			}
		}
		t.Fatalf("no line with %q", marker)
		return 0
	}
	// marks publishes until one for version (any when 0) arrives, and
	// returns its diagnostics by line as "code runtime".
	marks := func(version int) (map[int]string, lsp.PublishDiagnosticsParams) {
		for {
			p := c.diagnostics(uri)
			if version != 0 && (p.Version == nil || *p.Version != version) {
				continue
			}
			got := map[int]string{}
			for _, d := range p.Diagnostics {
				got[d.Range.Start.Line] = strings.TrimSpace(d.Code + " " + runtimeOf(d))
			}
			return got, p
		}
	}
	traced := map[int]string{
		line(tracedApp, "# dropped"):  "AL101 confirmed",
		line(tracedApp, "# strategy"): "AL202 runtime-only",
		line(tracedApp, "# not run"):  "AL201",
	}
	same := func(got, want map[int]string) bool {
		if len(got) != len(want) {
			return false
		}
		for k, v := range want {
			if got[k] != v {
				return false
			}
		}
		return true
	}
	got, p := marks(1)
	if !same(got, traced) {
		t.Fatalf("diagnostics by line %v, want %v", got, traced)
	}
	for _, d := range p.Diagnostics {
		switch runtimeOf(d) {
		case "confirmed":
			if !strings.HasSuffix(d.Message, " (confirmed at runtime)") {
				t.Errorf("confirmed diagnostic's message does not say so: %q", d.Message)
			}
		case "runtime-only":
			blocks := line(tracedHelper, "# blocks")
			found := false
			for _, r := range d.RelatedInformation {
				found = found || (r.Location.URI == fileURI(helper) && r.Location.Range.Start.Line == blocks)
			}
			if !found {
				t.Errorf("runtime-only diagnostic's related information lacks helper.py:%d (the time.sleep): %+v", blocks+1, d.RelatedInformation)
			}
		default:
			if strings.Contains(d.Message, "runtime") {
				t.Errorf("unconfirmed diagnostic mentions the runtime: %q", d.Message)
			}
		}
	}

	// An edit: the buffer is no longer the traced text; its events are
	// left out, the static findings stay (one line lower).
	edited := "# edited\n" + tracedApp
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": edited}}})
	if got, _ := marks(2); !same(got, map[int]string{line(edited, "# dropped"): "AL101", line(edited, "# not run"): "AL201"}) {
		t.Errorf("after an edit: diagnostics by line %v, want the static AL101 and AL201 without runtime marks", got)
	}
	// Back to the traced text: the marks are back.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": tracedApp}}})
	if got, _ := marks(3); !same(got, traced) {
		t.Errorf("the traced text again: diagnostics by line %v, want %v", got, traced)
	}

	// The record removed, then written again by a new trace: the open
	// document follows without an edit.
	if err := os.Remove(record); err != nil {
		t.Fatal(err)
	}
	static := map[int]string{line(tracedApp, "# dropped"): "AL101", line(tracedApp, "# not run"): "AL201"}
	for got := map[int]string{}; !same(got, static); {
		got, _ = marks(0)
	}
	if code, _, errs := runCLI("trace", "--", "python3", "app.py"); code != 1 {
		t.Fatalf("trace again: exit %d\n%s", code, errs)
	}
	for got := map[int]string{}; !same(got, traced); {
		got, _ = marks(0)
	}
}

// TestTraceFileFlags: --trace-file puts the record elsewhere, and
// --no-trace-file writes none.
func TestTraceFileFlags(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "app.py", tracedApp)
	write(t, dir, "helper.py", tracedHelper)
	t.Chdir(dir)
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	elsewhere := filepath.Join(t.TempDir(), "run.json")
	if code, _, errs := runCLI("trace", "--trace-file", elsewhere, "--", "python3", "app.py"); code != 1 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	data, err := os.ReadFile(elsewhere)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Command []string          `json:"command"`
		Files   map[string]string `json:"files"`
		Events  []json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rec.Command, " ") != "python3 app.py" || len(rec.Events) != 2 || len(rec.Files) != 2 {
		t.Errorf("record: command %q, %d events, files %v; want python3 app.py, 2 events, app.py and helper.py", rec.Command, len(rec.Events), rec.Files)
	}
	if _, err := os.Stat(filepath.Join(dir, ".asynclint")); !os.IsNotExist(err) {
		t.Errorf("--trace-file elsewhere still wrote .asynclint in the project (%v)", err)
	}
	if code, _, errs := runCLI("trace", "--no-trace-file", "--", "python3", "app.py"); code != 1 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, ".asynclint")); !os.IsNotExist(err) {
		t.Errorf("--no-trace-file wrote .asynclint (%v)", err)
	}
}
