package lsp

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/asynclint/asynclint/asyncir"
)

func TestDocumentIncrementalEdits(t *testing.T) {
	d := newDocument("file:///m.py", "/m.py", 1, []byte("a = \"😀\"\nb = 2\r\nc = 3\n"))
	steps := []struct {
		change TextDocumentContentChangeEvent
		want   string
	}{
		// After the emoji (UTF-16 characters 5 and 6) on line 0.
		{TextDocumentContentChangeEvent{Range: &Range{Start: Position{0, 7}, End: Position{0, 7}}, Text: "!"}, "a = \"😀!\"\nb = 2\r\nc = 3\n"},
		// Replace across a CRLF line end.
		{TextDocumentContentChangeEvent{Range: &Range{Start: Position{1, 4}, End: Position{2, 1}}, Text: "X"}, "a = \"😀!\"\nb = X = 3\n"},
		// The end of a line and the end of the document are positions.
		{TextDocumentContentChangeEvent{Range: &Range{Start: Position{1, 9}, End: Position{1, 9}}, Text: ";"}, "a = \"😀!\"\nb = X = 3;\n"},
		{TextDocumentContentChangeEvent{Range: &Range{Start: Position{2, 0}, End: Position{2, 0}}, Text: "d\n"}, "a = \"😀!\"\nb = X = 3;\nd\n"},
		// No range: the whole text.
		{TextDocumentContentChangeEvent{Text: "new"}, "new"},
	}
	for i, s := range steps {
		if err := d.apply(s.change); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if string(d.text) != s.want {
			t.Fatalf("step %d: text %q, want %q", i, d.text, s.want)
		}
	}
}

// TestDocumentRejectsEditsOutsideTheText: positions past a line's end or
// past the last line mean the client's copy differs from ours; clamping
// them would corrupt the text silently.
func TestDocumentRejectsEditsOutsideTheText(t *testing.T) {
	for _, r := range []Range{
		{Start: Position{0, 6}, End: Position{0, 6}},    // line 0 has 5 characters
		{Start: Position{3, 0}, End: Position{3, 0}},    // 3 lines: 0, 1 and the empty one after the last \n
		{Start: Position{1, 2}, End: Position{0, 1}},    // ends before it starts
		{Start: Position{-1, 0}, End: Position{0, 0}},   // negative
		{Start: Position{0, 0}, End: Position{1000, 0}}, // the end is out of range
	} {
		d := newDocument("file:///m.py", "/m.py", 1, []byte("x = 1\ny = 2\n"))
		if err := d.apply(TextDocumentContentChangeEvent{Range: &r, Text: "!"}); err == nil {
			t.Errorf("edit at %+v applied, giving %q; want an error", r, d.text)
		} else if string(d.text) != "x = 1\ny = 2\n" {
			t.Errorf("edit at %+v failed (%v) but changed the text to %q", r, err, d.text)
		}
	}
}

func TestDocumentPositions(t *testing.T) {
	src := "x\né😀 = f()\n"
	d := newDocument("file:///m.py", "/m.py", 1, []byte(src))
	// f starts at byte 2 + 2 + 4 + 3 = 11; UTF-16 character 1 + 2 + 3 = 6.
	r := d.lspRange(asyncir.Range{Start: asyncir.Pos{Line: 2, Col: 10, Offset: 11}, End: asyncir.Pos{Line: 2, Col: 13, Offset: 14}})
	want := Range{Start: Position{1, 6}, End: Position{1, 9}}
	if r != want {
		t.Errorf("lspRange = %+v, want %+v", r, want)
	}
	if got := d.offset(Position{1, 6}); got != 11 {
		t.Errorf("offset = %d, want 11", got)
	}
	if got := d.position(len(src)); got != (Position{2, 0}) {
		t.Errorf("position(end) = %+v", got)
	}
}

func TestIndexDependents(t *testing.T) {
	ix := newIndex()
	mod := func(name, path string, imports ...string) *asyncir.Module {
		m := &asyncir.Module{Name: name, Path: path, Lang: asyncir.Python, Lowered: true}
		for _, i := range imports {
			m.Imports = append(m.Imports, asyncir.Import{Module: i})
		}
		return m
	}
	ix.update(asyncir.NewProgram([]*asyncir.Module{
		mod("base", "/w/base.py"),
		mod("pkg", "/w/pkg/__init__.py", "base"), // re-exports base
		mod("app", "/w/app.py", "pkg", "asyncio"),
		mod("other", "/w/other.py"),
	}, nil))
	if got := ix.dependents("/w/base.py"); len(got) != 2 || got[0] != "/w/app.py" || got[1] != "/w/pkg/__init__.py" {
		t.Errorf("dependents(base) = %v, want app and pkg", got)
	}
	if got := ix.closure([]string{"/w/app.py"}); len(got) != 3 {
		t.Errorf("closure(app) = %v, want app, pkg, base", got)
	}
	if got := ix.dependents("/w/other.py"); len(got) != 0 {
		t.Errorf("dependents(other) = %v", got)
	}
	ix.forget("/w/pkg/__init__.py")
	if got := ix.dependents("/w/base.py"); len(got) != 0 {
		t.Errorf("after forget: dependents(base) = %v", got)
	}
}

// TestDocumentApplyMatchesUTF16Model applies random edits both to a
// document and to a model that edits the text as UTF-16 code units line
// by line, the way the protocol defines positions.
func TestDocumentApplyMatchesUTF16Model(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "😀", "\n", " ", "x = 1", "\r\n", "中"}
	randText := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	// model: lines as UTF-16 with their terminators kept apart.
	offset := func(text string, p Position) int {
		lines := strings.SplitAfter(text, "\n")
		if p.Line >= len(lines) {
			return -1
		}
		start := 0
		for _, l := range lines[:p.Line] {
			start += len(l)
		}
		body := strings.TrimSuffix(strings.TrimSuffix(lines[p.Line], "\n"), "\r")
		u := utf16.Encode([]rune(body))
		if p.Character > len(u) {
			return -1
		}
		c := p.Character
		// A position inside a surrogate pair counts the whole character.
		if c > 0 && c < len(u) && utf16.IsSurrogate(rune(u[c-1])) && u[c-1] < 0xDC00 {
			c++
		}
		return start + len(string(utf16.Decode(u[:c])))
	}
	for iter := 0; iter < 300; iter++ {
		text := randText(rng.IntN(40))
		d := newDocument("file:///m.py", "/m.py", 1, []byte(text))
		for step := 0; step < 5; step++ {
			lines := strings.Count(text, "\n") + 1
			p1 := Position{rng.IntN(lines + 1), rng.IntN(8)}
			p2 := Position{p1.Line + rng.IntN(2), rng.IntN(8)}
			s, e := offset(text, p1), offset(text, p2)
			ins := randText(rng.IntN(4))
			err := d.apply(TextDocumentContentChangeEvent{Range: &Range{Start: p1, End: p2}, Text: ins})
			if s < 0 || e < s {
				if err == nil || string(d.text) != text {
					t.Fatalf("iteration %d: edit %v-%v on %q: got %q and error %v, want an error and no change", iter, p1, p2, text, d.text, err)
				}
				continue
			}
			want := text[:s] + ins + text[e:]
			if err != nil || string(d.text) != want {
				t.Fatalf("iteration %d: edit %v-%v %q on %q: got %q, want %q", iter, p1, p2, ins, text, d.text, want)
			}
			text = want
		}
	}
}
