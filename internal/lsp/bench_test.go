package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// redisCore is the largest module of a real client library, when Debian's
// python3-redis is installed: 5,000 lines, imported across the package.
const redisCore = "/usr/lib/python3/dist-packages/redis/commands/core.py"

// BenchmarkEditRealModule measures the time from a didChange to the edited
// document's diagnostics on redis/commands/core.py, with the redis
// package as the workspace (scanned first), over 20 edits per iteration;
// it reports the median and 95th percentile.
func BenchmarkEditRealModule(b *testing.B) {
	src, err := os.ReadFile(redisCore)
	if err != nil {
		b.Skipf("%s not installed (apt-get install python3-redis): %v", redisCore, err)
	}
	root := filepath.Dir(filepath.Dir(redisCore))
	s := NewServer(Options{})
	var lastVersion int
	s.notify = func(method string, params any) error {
		if p, ok := params.(PublishDiagnosticsParams); ok && p.Version != nil {
			lastVersion = *p.Version
		}
		return nil
	}
	s.initialize(InitializeParams{RootURI: pathToURI(root)})
	s.scanWorkspace()
	uri := pathToURI(redisCore)
	if err := s.didOpen(DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: string(src)}}); err != nil {
		b.Fatal(err)
	}
	s.flush()
	var times []time.Duration
	version := 1
	for b.Loop() {
		for i := 0; i < 20; i++ {
			version++
			// Type a character at the end of line 10 and take it back.
			ch := TextDocumentContentChangeEvent{Range: &Range{Start: Position{Line: 10, Character: 0}, End: Position{Line: 10, Character: 0}}, Text: "#"}
			if version%2 == 1 {
				ch = TextDocumentContentChangeEvent{Range: &Range{Start: Position{Line: 10, Character: 0}, End: Position{Line: 10, Character: 1}}, Text: ""}
			}
			start := time.Now()
			if err := s.didChange(DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []TextDocumentContentChangeEvent{ch}}); err != nil {
				b.Fatal(err)
			}
			s.flush()
			if lastVersion != version {
				b.Fatalf("diagnostics for version %d, want %d", lastVersion, version)
			}
			times = append(times, time.Since(start))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100])/float64(time.Millisecond), "p95-ms")
}
