package gofront

import "testing"

func TestSplitPos(t *testing.T) {
	for _, c := range []struct {
		pos       string
		file      string
		line, col int
	}{
		{"a/b.go:245:9", "a/b.go", 245, 9},
		{"a/b.go:12", "a/b.go", 12, 0},
		{"a/b.go", "a/b.go", 0, 0},
		{"", "", 0, 0},
		{`C:\x\b.go:3:4`, `C:\x\b.go`, 3, 4},
	} {
		f, l, col := splitPos(c.pos)
		if f != c.file || l != c.line || col != c.col {
			t.Errorf("splitPos(%q) = %q %d %d, want %q %d %d", c.pos, f, l, col, c.file, c.line, c.col)
		}
	}
}
