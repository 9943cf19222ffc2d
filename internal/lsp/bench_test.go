package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: on a shared, loaded
// machine it is a steadier figure than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// bigModule is a 5,000-line module of classes, coroutines and helpers,
// with an AL101 in every class.
func bigModule(lines int) string {
	var b strings.Builder
	b.WriteString("import asyncio\nimport time\n\n\n")
	for i := 0; strings.Count(b.String(), "\n") < lines-20; i++ {
		fmt.Fprintf(&b, `class Service%d:
    def __init__(self, name):
        self.name = name
        self.items = []

    async def fetch(self, key):
        await asyncio.sleep(0)
        return {"key": key, "name": self.name}

    async def save(self, item):
        self.items.append(item)
        await asyncio.sleep(0)

    async def run(self, keys):
        results = []
        for k in keys:
            v = await self.fetch(k)
            if v:
                results.append(v)
        self.save(results)
        return results

    def size(self):
        return len(self.items)


async def main%d():
    s = Service%d("s")
    await s.run([1, 2, 3])


`, i, i, i)
	}
	return b.String()
}

// BenchmarkReanalyzeAfterEdit measures what the server does on one
// keystroke in a 5,000-line file: apply the incremental change, re-parse,
// lower, analyse, convert and publish the diagnostics.
func BenchmarkReanalyzeAfterEdit(b *testing.B) {
	src := bigModule(5000)
	dir := b.TempDir()
	path := filepath.Join(dir, "big.py")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	s := NewServer(Options{})
	published := 0
	s.notify = func(method string, params any) error {
		if p, ok := params.(PublishDiagnosticsParams); ok {
			published = len(p.Diagnostics)
		}
		return nil
	}
	uri := pathToURI(path)
	if err := s.didOpen(DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: src}}); err != nil {
		b.Fatal(err)
	}
	s.flush()
	if published == 0 {
		b.Fatal("no diagnostics in the benchmark module")
	}
	b.ReportMetric(float64(strings.Count(src, "\n")), "lines")
	cpu0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		n++
		// Type one character into a docstring-free line and take it
		// back on the next iteration.
		ch := TextDocumentContentChangeEvent{Range: &Range{Start: Position{Line: 2, Character: 0}, End: Position{Line: 2, Character: 0}}, Text: "#"}
		if i%2 == 1 {
			ch = TextDocumentContentChangeEvent{Range: &Range{Start: Position{Line: 2, Character: 0}, End: Position{Line: 2, Character: 1}}, Text: ""}
		}
		if err := s.didChange(DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: i + 2}, ContentChanges: []TextDocumentContentChangeEvent{ch}}); err != nil {
			b.Fatal(err)
		}
		s.flush() // what the worker does after the keystroke
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}
