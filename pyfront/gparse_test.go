package pyfront

import (
	"path/filepath"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"

	"bytes"
	"fmt"
	"github.com/asynclint/asynclint/asyncir"
	"os"
	"sort"
	"strings"
	"testing"
)

// gparseOracle parses the spans of src (nil: all of it) with tree-sitter
// and with the Go parser; it returns an empty string when they agree or
// the Go parser is unsure (accepted tells which), else the first
// difference.
func gparseOracle(pool *parserPool, src []byte, spans [][2]int) (accepted bool, diff string) {
	g := goParse(src, spans, nil, false)
	if g == nil {
		return false, ""
	}
	fs := newSpanParser(pool, src).fs
	var ranges = fs.rangesOf(spans)
	if spans == nil {
		ranges = nil
	}
	want := pool.parseWithSitter(src, ranges, parseTimeout(Options{}), keptTree, nil)
	if want == nil {
		return true, "tree-sitter gave up"
	}
	return true, treeDiff(want, g)
}

// treeDiff describes the first node where got differs from want.
func treeDiff(want, got *tree) string {
	n := min(len(want.nodes), len(got.nodes))
	for i := 0; i < n; i++ {
		w, g := want.nodes[i], got.nodes[i]
		w.first, w.next, g.first, g.next = 0, 0, 0, 0
		if w != g {
			return fmt.Sprintf("node %d: want %s\n got %s\n(want parent %s)", i, nodeString(want, int32(i)), nodeString(got, int32(i)), nodeString(want, want.nodes[i].parent))
		}
	}
	for i := 0; i < n; i++ {
		if want.nodes[i] != got.nodes[i] {
			return fmt.Sprintf("node %d: want %s\n got %s\n(want parent %s)", i, nodeString(want, int32(i)), nodeString(got, int32(i)), nodeString(want, want.nodes[i].parent))
		}
	}
	if len(want.nodes) != len(got.nodes) {
		return fmt.Sprintf("want %d nodes, got %d; next want %s", len(want.nodes), len(got.nodes), nodeString(want, int32(n)))
	}
	return ""
}

func nodeString(t *tree, i int32) string {
	if i < 0 || int(i) >= len(t.nodes) {
		return "none"
	}
	nd := t.nodes[i]
	text := ""
	if int(nd.end) <= len(t.src) && nd.start <= nd.end {
		text = string(t.src[nd.start:nd.end])
	}
	if len(text) > 40 {
		text = text[:40] + "…"
	}
	return fmt.Sprintf("%+v %q", nd, text)
}

// TestGoParseSnippets: the Go parser's tree is tree-sitter's, or it is
// unsure.
func TestGoParseSnippets(t *testing.T) {
	pool := newParserPool()
	for _, src := range append(append([]string{}, recogValid...), gparseValid...) {
		ok, diff := gparseOracle(pool, []byte(src), nil)
		if diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
		_ = ok
	}
	for _, src := range gparseValid {
		if ok, _ := gparseOracle(pool, []byte(src), nil); !ok {
			t.Errorf("%q: unsure, want a tree", src)
		}
	}
}

// gparseValid are texts the Go parser builds a tree for.
var gparseValid = []string{
	"x = a,\ny = 1\n", "for x in a,:\n    b = 1,\n    c\n",
	"", "x = 1\n", "def f(a, b=1):\n    x = 1  # c\n    # d\n\n    return \"a\\n\" \"b\"\n# e\ny = [1,\n  # in\n  2]\nclass A(B):\n    pass\n",
	"def f():\n    x = 1\n    # t1\n  # t2\n# t3\n    # t4\ny = 2\nif a:\n    pass\n    # t5\nelse:  # t6\n    pass\n",
}

// TestGoParseCorpus: over the corpus (pyrecog_test.go's), every parse
// request the pipeline makes — whole files, segments, span sets — gets
// tree-sitter's tree from the Go parser, or unsure.
func TestGoParseCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a corpus")
	}
	pool := newParserPool()
	files := corpusFiles(t)
	var reqs, took, bytes, tookBytes int
	mismatches := 0
	// The share of bytes taken, by part of the corpus.
	partBytes, partTook := map[string]int{}, map[string]int{}
	for _, path := range files {
		src, ok := readCorpusText(path)
		if !ok {
			continue
		}
		check := func(text []byte, spans [][2]int, what string) {
			size := len(text)
			if spans != nil {
				size = 0
				for _, s := range spans {
					size += s[1] - s[0]
				}
			}
			reqs++
			bytes += size
			part := corpusPart(path)
			partBytes[part] += size
			ok, diff := gparseOracle(pool, text, spans)
			if ok {
				took++
				tookBytes += size
				partTook[part] += size
			}
			if diff != "" {
				mismatches++
				if mismatches <= 40 {
					t.Errorf("%s (%s): %s", path, what, diff)
				}
			}
		}
		for i, set := range spanSets(src) {
			if i == 0 {
				check(src, nil, "whole")
				continue
			}
			check(src, set.spans, "spans")
		}
		if segs := splitSegments(src, segmentSize); segs != nil {
			for _, s := range segs {
				check(src[s.start:s.end], nil, "segment")
			}
		}
	}
	if n := gparsePanics.Load(); n > 0 {
		t.Errorf("the Go parser panicked %d times", n)
	}
	t.Logf("%d files, %d parse requests: the Go parser took %d (%.1f%%), %.1f%% of %d bytes; %d mismatches",
		len(files), reqs, took, 100*float64(took)/float64(max(reqs, 1)), 100*float64(tookBytes)/float64(max(bytes, 1)), bytes, mismatches)
	for _, part := range []string{"stdlib", "site-packages", "dist-packages", "testdata"} {
		if partBytes[part] > 0 {
			t.Logf("%s: %.1f%% of %d bytes", part, 100*float64(partTook[part])/float64(partBytes[part]), partBytes[part])
		}
	}
}

// loadPaths lists the .py files under dir, its site-packages left out
// (as a check of the standard library leaves them).
func loadPaths(dir string) []string {
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	return paths
}

// readCorpusText reads and decodes a corpus file as Load does; false
// for one Load would not parse.
func readCorpusText(path string) ([]byte, bool) {
	src, _, warn := readText(File{Path: path})
	return src, warn == ""
}

// corpusPart names the part of the corpus path is in.
func corpusPart(path string) string {
	switch {
	case strings.Contains(path, "/site-packages/"):
		return "site-packages"
	case strings.Contains(path, "/dist-packages/"):
		return "dist-packages"
	case strings.Contains(path, "testdata"):
		return "testdata"
	}
	return "stdlib"
}

// TestGoParseDump prints the Go parser's tree of GPARSE_DUMP (a debugging
// aid).
func TestGoParseDump(t *testing.T) {
	path := os.Getenv("GPARSE_DUMP")
	if path == "" {
		t.Skip("GPARSE_DUMP not set")
	}
	src, _ := os.ReadFile(path)
	pool := newParserPool()
	g, at := goParseWhy(src, nil, nil, false, 0)
	if g == nil {
		t.Fatalf("unsure at %d: %.30q", at, src[max(at, 0):])
	}
	want := pool.parseWithSitter(src, nil, parseTimeout(Options{}), keptTree, nil)
	for i := range g.nodes {
		mark := " "
		if i >= len(want.nodes) || want.nodes[i] != g.nodes[i] {
			mark = "!"
		}
		fmt.Println(mark, i, strings.TrimSpace(nodeString(g, int32(i))))
	}
}

// TestGoParseUnsure lists where the Go parser gives up on whole files of
// the corpus, by the text there, weighted by the files' sizes (a guide
// to what to follow next; GPARSE_UNSURE=1).
func TestGoParseUnsure(t *testing.T) {
	if os.Getenv("GPARSE_UNSURE") == "" {
		t.Skip("GPARSE_UNSURE not set")
	}
	why := map[string]int{}
	example := map[string]string{}
	paths := corpusFiles(t)
	if dir := os.Getenv("GPARSE_LOAD"); dir != "" {
		paths = loadPaths(dir)
	}
	for _, path := range paths {
		src, ok := readCorpusText(path)
		if !ok {
			continue
		}
		g, at := goParseWhy(src, nil, nil, false, 0)
		if g != nil {
			continue
		}
		key := "recogniser"
		if at >= 0 {
			e := at
			for e < len(src) && e < at+12 && src[e] != '\n' {
				e++
			}
			key = string(src[at:e])
			if example[key] == "" {
				example[key] = fmt.Sprintf("%s:%d", path, bytes.Count(src[:at], []byte("\n"))+1)
			}
		}
		why[key] += len(src)
	}
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range why {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v })
	for i, x := range all {
		if i < 60 {
			t.Logf("%9d %q %s", x.v, x.k, example[x.k])
		}
	}
}

// TestGoParseMutations: with a token or a byte deleted from real
// statements, the Go parser is unsure or builds tree-sitter's tree.
func TestGoParseMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a corpus")
	}
	pool := newParserPool()
	var tried, accepted int
	mutate(t, 7, func([]byte) bool { return true }, func(path string, text, deleted []byte, at int) {
		tried++
		ok, diff := gparseOracle(pool, text, nil)
		if ok {
			accepted++
		}
		if diff != "" {
			t.Errorf("%s: %q deleted at %d: %s\n%s", path, deleted, at, diff, text)
		}
	})
	if n := gparsePanics.Load(); n > 0 {
		t.Errorf("the Go parser panicked %d times", n)
	}
	t.Logf("%d mutations, %d built and checked", tried, accepted)
}

// FuzzGoParse: whatever tree the Go parser builds is tree-sitter's. The
// seeds (testdata/fuzz/FuzzGoParse holds what fuzzing found) run as an
// ordinary test; fuzz with go test ./pyfront -fuzz FuzzGoParse.
func FuzzGoParse(f *testing.F) {
	for _, s := range recogValid {
		f.Add([]byte(s))
	}
	for _, s := range gparseValid {
		f.Add([]byte(s))
	}
	addStatementSeeds(f)
	pool := newParserPool()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<14 {
			return
		}
		before := gparsePanics.Load()
		if _, diff := gparseOracle(pool, src, nil); diff != "" {
			t.Fatalf("%q: %s", src, diff)
		}
		if gparsePanics.Load() != before {
			t.Fatalf("%q: the Go parser panicked", src)
		}
	})
}

// TestGoParsePipelineRequests: the parse requests a Load of the corpus
// makes (recorded as they come) get tree-sitter's tree from the Go
// parser, or unsure; it reports how many of them, and of their bytes,
// the Go parser takes.
func TestGoParsePipelineRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a corpus")
	}
	type request struct {
		src   []byte
		spans [][2]int
	}
	var mu sync.Mutex
	var reqs []request
	parseRequestHook = func(src []byte, ranges []sitter.Range, use treeUse) {
		r := request{src: bytes.Clone(src)}
		for _, rg := range ranges {
			r.spans = append(r.spans, [2]int{int(rg.StartByte), int(rg.EndByte)})
		}
		mu.Lock()
		reqs = append(reqs, r)
		mu.Unlock()
	}
	var files []File
	for _, path := range corpusFiles(t) {
		files = append(files, File{Path: path})
	}
	if dir := os.Getenv("GPARSE_LOAD"); dir != "" { // a directory, as check loads it
		files = nil
		for _, p := range loadPaths(dir) {
			files = append(files, File{Path: p})
		}
	}
	Load(files, asyncir.PythonModels(), Options{})
	parseRequestHook = nil
	pool := newParserPool()
	var took, size, tookSize int
	for _, r := range reqs {
		n := len(r.src)
		if r.spans != nil {
			n = 0
			for _, s := range r.spans {
				n += s[1] - s[0]
			}
		}
		size += n
		ok, diff := gparseOracle(pool, r.src, r.spans)
		if ok {
			took++
			tookSize += n
		}
		if diff != "" {
			t.Errorf("%.60q (spans %v): %s", r.src, r.spans, diff)
		}
	}
	if len(reqs) < 10 {
		t.Fatalf("only %d parse requests recorded", len(reqs))
	}
	t.Logf("%d parse requests of %d files: the Go parser took %d (%.1f%%), %.1f%% of %d bytes",
		len(reqs), len(files), took, 100*float64(took)/float64(len(reqs)), 100*float64(tookSize)/float64(max(size, 1)), size)
}
