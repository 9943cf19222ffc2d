package pyfront

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gparseBenchFiles is a sample of the standard library (every 20th file
// by path order), read once.
func gparseBenchFiles(b *testing.B) [][]byte {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		b.Skip("no python3 stdlib")
	}
	var srcs [][]byte
	n := 0
	filepath.WalkDir(strings.TrimSpace(string(out)), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		if n++; n%20 == 0 {
			if src, ok := readCorpusText(p); ok {
				srcs = append(srcs, src)
			}
		}
		return nil
	})
	return srcs
}

// BenchmarkGoParse: the Go parser's throughput on the sample (texts it
// is unsure of count, as they cost their recognition).
func BenchmarkGoParse(b *testing.B) {
	srcs := gparseBenchFiles(b)
	size := 0
	for _, s := range srcs {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			goParse(s, nil, nil, true).recycle()
		}
	}
}

// BenchmarkSitterParse: tree-sitter's throughput, flattened as the Go
// parser's tree is, on the same sample.
func BenchmarkSitterParse(b *testing.B) {
	srcs := gparseBenchFiles(b)
	size := 0
	for _, s := range srcs {
		size += len(s)
	}
	pool := newParserPool()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			pool.parseWithSitter(s, nil, parseTimeout(Options{}), passingTree, nil).recycle()
		}
	}
}
