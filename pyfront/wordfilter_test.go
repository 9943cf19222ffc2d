package pyfront

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWordFilterHasNoFalseNo: over this repository's Python cases, every
// word of a text is a "maybe", and a name the filter rules out is never
// one containsWord finds; few absent names are "maybe"s.
func TestWordFilterHasNoFalseNo(t *testing.T) {
	files, _ := filepath.Glob("../testdata/python/*/*.py")
	if len(files) < 20 {
		t.Fatalf("found %d cases", len(files))
	}
	var all []byte
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, src...)
		checkWordFilter(t, p, src)
	}
	// On a text of a module's size, few absent names are maybes.
	if maybe := checkWordFilter(t, "all cases", all); maybe > 0.05 {
		t.Errorf("%.1f%% of absent names are maybes", 100*maybe)
	}
	// Not one word: always a maybe.
	f := newWordFilter([]byte("x = 1\n"))
	for _, name := range []string{"", "a.b", "a b"} {
		if !f.mayContain(name) {
			t.Errorf("mayContain(%q) = false", name)
		}
	}
}

// checkWordFilter fails when the filter of src rules out one of its
// words, or a name containsWord finds; it returns the share of absent
// names that are maybes.
func checkWordFilter(t *testing.T, name string, src []byte) float64 {
	t.Helper()
	f := newWordFilter(src)
	for _, w := range bytes.FieldsFunc(src, func(r rune) bool { return r < 0x80 && !isIdentByte(byte(r)) }) {
		if !f.mayContain(string(w)) {
			t.Fatalf("%s: word %q ruled out", name, w)
		}
	}
	maybe, absent := 0, 0
	for i := range 1000 {
		w := fmt.Sprintf("absent_%d", i)
		switch {
		case !f.mayContain(w) && containsWord(src, w):
			t.Fatalf("%s: %q ruled out but present", name, w)
		case !containsWord(src, w):
			absent++
			if f.mayContain(w) {
				maybe++
			}
		}
	}
	return float64(maybe) / float64(absent)
}

// TestReleasedTextIsReadAgain: a released text is read again when it is
// the same; a file that changed meanwhile is recognised, not lowered
// from its new text.
func TestReleasedTextIsReadAgain(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.py")
	write := func(s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("def f():\n    pass\n")
	s, warn := readSource(File{Path: p}, func(string) bool { return false })
	if s == nil {
		t.Fatal(warn)
	}
	s.release()
	if s.src != nil || !s.load() || string(s.src) != "def f():\n    pass\n" {
		t.Fatalf("read again: %q", s.src)
	}
	s.release()
	write("def g():\n    pass\n") // same size, other text
	if s.load() || !s.changed || s.src != nil {
		t.Fatalf("a changed file was read again: %q (changed %v)", s.src, s.changed)
	}
}
