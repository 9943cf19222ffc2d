package lsp

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
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
// python3-redis is installed: 6,000 lines, imported across the package.
const redisCore = "/usr/lib/python3/dist-packages/redis/commands/core.py"

// redisEdits are ten edits of redisCore, each made and then taken back:
// typing in an import list, a docstring, a comment and a string, a
// blocking call and an unawaited coroutine added to a coroutine, an await
// removed, an import added, a line inserted (every later line moves) and a
// call of a method named nowhere else added to a method. anchor is a line's text; the edit is at
// col of that line, inserting text (or deleting del bytes).
var redisEdits = []struct {
	anchor string
	col    int
	text   string
	del    int
}{
	{"    AsyncIterator,", 0, "#", 0},
	{"        Return the value at key ``name``, or None if the key doesn't exist", 8, "x", 0},
	{"        # make sure the Redis server knows about the script", 8, "x", 0},
	{"        cursor = \"0\"", 0, "        time.sleep(1)\n", 0},
	{"        cursor = \"0\"", 0, "        self.scan(cursor=0)\n", 0},
	{"            return await client.evalsha(self.sha, len(keys), *args)", 19, "", 6},
	{"import datetime", 0, "import asyncio\n", 0},
	{"    def get(self, name: KeyT) -> ResponseT:", 0, "\n", 0},
	{"        return self.execute_command(\"GET\", name)", 36, "1", 0},
	{"        return self.execute_command(\"GET\", name)", 0, "        self.fetch_x(name)\n", 0},
}

// BenchmarkEditRealModule measures the time from a didChange to the edited
// document's publishDiagnostics on redis/commands/core.py, with the redis
// package as the workspace (scanned first), over 20 edits per iteration
// (redisEdits, each made and taken back); it reports the median and the
// 95th percentile, the median CPU time, how many edits the incremental
// check refused, and the heap in use after the edits.
func BenchmarkEditRealModule(b *testing.B) {
	src, err := os.ReadFile(redisCore)
	if err != nil {
		b.Skipf("%s not installed (apt-get install python3-redis): %v", redisCore, err)
	}
	root := filepath.Dir(filepath.Dir(redisCore))
	s := NewServer(Options{})
	gc, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetGCPercent(gc)
	defer debug.SetMemoryLimit(limit)
	tuneGC() // as Serve does
	uri := pathToURI(redisCore)
	var published time.Time
	var lastVersion, full int
	s.notify = func(method string, params any) error {
		switch p := params.(type) {
		case PublishDiagnosticsParams:
			if p.URI == uri && p.Version != nil {
				lastVersion, published = *p.Version, time.Now()
			}
		case LogMessageParams:
			if strings.Contains(p.Message, "is checked in full") {
				full++
			}
		}
		return nil
	}
	s.initialize(InitializeParams{RootURI: pathToURI(root)})
	s.scanWorkspace()
	if err := s.didOpen(DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: string(src)}}); err != nil {
		b.Fatal(err)
	}
	s.flush()
	lines := strings.Split(string(src), "\n")
	lineOf := func(anchor string) int {
		i := slices.Index(lines, anchor)
		if i < 0 {
			b.Fatalf("no line %q in %s", anchor, redisCore)
		}
		return i
	}
	var times, cpu []time.Duration
	version := 1
	edit := func(ch TextDocumentContentChangeEvent) {
		version++
		start, cpu0 := time.Now(), cpuTime()
		if err := s.didChange(DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []TextDocumentContentChangeEvent{ch}}); err != nil {
			b.Fatal(err)
		}
		s.flush()
		if lastVersion != version {
			b.Fatalf("diagnostics for version %d, want %d", lastVersion, version)
		}
		times = append(times, published.Sub(start))
		cpu = append(cpu, cpuTime()-cpu0)
	}
	for b.Loop() {
		for _, e := range redisEdits {
			// The anchors are found in the original text; edits are taken
			// back before the next, so the lines stay where they were.
			n := lineOf(e.anchor)
			at := Position{Line: n, Character: e.col}
			end := Position{Line: n, Character: e.col + e.del}
			removed := lines[n][e.col : e.col+e.del]
			edit(TextDocumentContentChangeEvent{Range: &Range{Start: at, End: end}, Text: e.text})
			// Taking it back: the inserted text's end, in the new text.
			back := at
			if k := strings.Count(e.text, "\n"); k > 0 {
				back = Position{Line: n + k, Character: len(e.text) - strings.LastIndex(e.text, "\n") - 1}
			} else {
				back.Character += len(e.text)
			}
			edit(TextDocumentContentChangeEvent{Range: &Range{Start: at, End: back}, Text: removed})
		}
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(s) // its session is the memory measured
	slices.Sort(times)
	slices.Sort(cpu)
	b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100])/float64(time.Millisecond), "p95-ms")
	// CPU time is steadier than wall time on a shared machine (it
	// includes the garbage collector's and any background work).
	b.ReportMetric(float64(cpu[len(cpu)/2])/float64(time.Millisecond), "p50-cpu-ms")
	b.ReportMetric(float64(full)/float64(len(times)), "full-checks/edit")
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
}
