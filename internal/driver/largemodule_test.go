package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
)

// writeLargeModule writes a generated module of about size bytes to dir,
// shaped like the generated code that reaches a linter: coroutine
// handlers, the synchronous helpers they call, and module-level data
// tables; every handler has one blocking call and one coroutine call
// left unawaited, so the findings grow with it. It returns the path and
// the number of handlers.
func writeLargeModule(t testing.TB, dir string, size int) (string, int) {
	var sb strings.Builder
	sb.WriteString("import asyncio, time\n\n")
	n := 0
	for ; sb.Len() < size; n++ {
		fmt.Fprintf(&sb, `async def handler_%[1]d(x):
    await asyncio.sleep(0)
    y = helper_%[1]d(x)
    if y is None:
        time.sleep(0.1)
        handler_%[2]d(x)
    return {'a': %[1]d, 'b': [1, 2, 3], 'c': "xxxxxxxxxxxxxxxxxxxx"}

def helper_%[1]d(x):
    if x > %[1]d:
        return x + %[1]d
    return [x * k for k in range(10)]

TABLE_%[1]d = {`, n, max(n-1, 0))
		for k := range 20 {
			fmt.Fprintf(&sb, "'k%d': (%d, %d, '%d'), ", k, k, 2*k, k)
		}
		sb.WriteString("}\n\n")
	}
	path := filepath.Join(dir, "generated.py")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, n
}

// largeModuleOptions checks path alone, whatever its size.
func largeModuleOptions(path string) Options {
	return Options{Paths: []string{path}, Config: &config.Config{Python: "none", MaxFileSize: 1 << 40}}
}

// BenchmarkCheckLargeModule is the full check of one generated 10 MB
// module. Besides time and allocation it reports the peak resident memory
// of a run (peak-RSS-MB, Linux: the high-water mark reset before each
// run).
func BenchmarkCheckLargeModule(b *testing.B) {
	path, _ := writeLargeModule(b, b.TempDir(), 10<<20)
	opts := largeModuleOptions(path)
	b.ReportAllocs()
	var peak int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		debug.FreeOSMemory() // the peak is then this run's, not the last one's heap
		resetPeakRSS()
		b.StartTimer()
		if _, err := Run(opts); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, peakRSS())
	}
	if peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	}
}

// resetPeakRSS resets the process's resident-memory high-water mark.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's resident-memory high-water mark in bytes, or
// 0 where /proc does not say.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestLargeModuleScalesLinearly checks a module four times as large costs
// about four times the allocation, not sixteen: a work-per-function that
// grows with the module (a slice copied or a map rebuilt per definition)
// shows up in the bytes allocated, which unlike time do not depend on the
// machine. It also checks the findings grow with the module.
func TestLargeModuleScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("lowers 2.5 MB of Python")
	}
	measure := func(size int) (alloc uint64, findings, handlers int) {
		path, n := writeLargeModule(t, t.TempDir(), size)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res, err := Run(largeModuleOptions(path))
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, len(res.Diagnostics), n
	}
	small, smallFindings, smallN := measure(600 << 10)
	large, largeFindings, largeN := measure(4 * 600 << 10)
	if smallFindings == 0 || largeFindings*smallN != smallFindings*largeN {
		t.Errorf("findings: %d for %d handlers, %d for %d", smallFindings, smallN, largeFindings, largeN)
	}
	ratio := float64(large) / float64(small) * float64(smallN) / float64(largeN) * 4
	t.Logf("allocated %d MB and %d MB: ×%.2f for ×4 the code", small>>20, large>>20, ratio)
	if ratio > 6 {
		t.Errorf("a module four times as large allocates ×%.1f (%d MB, %d MB): lowering is not linear", ratio, small>>20, large>>20)
	}
}
