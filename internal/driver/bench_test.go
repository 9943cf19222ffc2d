package driver

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/cache"
)

// stdlibDir is the machine's Python standard library, or "" (the
// benchmarks skip then).
func stdlibDir(b *testing.B) string {
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skip("python3 not available")
	}
	return strings.TrimSpace(string(out))
}

func benchRun(b *testing.B, opts Options) {
	b.ReportAllocs()
	var lines int
	for i := 0; i < b.N; i++ {
		res, err := Run(opts)
		if err != nil {
			b.Fatal(err)
		}
		lines = res.Lines
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkCheckStdlib is the full check over the standard library.
func BenchmarkCheckStdlib(b *testing.B) {
	benchRun(b, Options{Paths: []string{stdlibDir(b)}})
}

// BenchmarkParseOnlyStdlib parses the same files and analyses nothing.
func BenchmarkParseOnlyStdlib(b *testing.B) {
	benchRun(b, Options{Paths: []string{stdlibDir(b)}, ParseOnly: true})
}

// BenchmarkCheckStdlibEager lowers every file (no fast path).
func BenchmarkCheckStdlibEager(b *testing.B) {
	benchRun(b, Options{Paths: []string{stdlibDir(b)}, Eager: true})
}

// BenchmarkCheckStdlibWarm is the second run over the unchanged standard
// library: the cache replays the first run's findings.
func BenchmarkCheckStdlibWarm(b *testing.B) {
	c := cache.Open(b.TempDir())
	opts := Options{Paths: []string{stdlibDir(b)}, Cache: c}
	if _, err := Run(opts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	benchRun(b, opts)
}
