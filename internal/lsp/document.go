package lsp

import (
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/srcpos"
)

// document is an open editor buffer.
type document struct {
	uri     string
	path    string
	version int
	text    []byte
	starts  []int // line start offsets of text
	// diags are the last analysis, of version analyzed, with their fixes,
	// for code actions; fresh is false until the first analysis.
	diags    []asyncir.Diagnostic
	analyzed int
	fresh    bool
}

func newDocument(uri, path string, version int, text []byte) *document {
	return &document{uri: uri, path: path, version: version, text: text, starts: srcpos.LineStarts(text)}
}

// offset converts an LSP position (UTF-16) to a byte offset, clamping
// positions past a line's end or the document's end, as the protocol asks.
func (d *document) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(d.starts) {
		return len(d.text)
	}
	line := d.lineBytes(p.Line)
	return d.starts[p.Line] + srcpos.ByteCount(line, max(p.Character, 0))
}

// lineBytes is line n without its terminator.
func (d *document) lineBytes(n int) []byte { return srcpos.Line(d.text, d.starts, n) }

// position converts a byte offset to an LSP position.
func (d *document) position(off int) Position {
	off = min(max(off, 0), len(d.text))
	n, found := slices.BinarySearch(d.starts, off)
	if !found {
		n--
	}
	return Position{Line: n, Character: srcpos.UTF16Count(d.lineBytes(n), off-d.starts[n])}
}

// apply applies one content change: a range replacement, or the whole
// text when the change has no range.
func (d *document) apply(c TextDocumentContentChangeEvent) {
	if c.Range == nil {
		d.text = []byte(c.Text)
	} else {
		s, e := d.offset(c.Range.Start), d.offset(c.Range.End)
		if e < s {
			s, e = e, s
		}
		d.text = slices.Concat(d.text[:s:s], []byte(c.Text), d.text[e:])
	}
	d.starts = srcpos.LineStarts(d.text)
}

// lspRange converts an asyncir range of this document.
func (d *document) lspRange(r asyncir.Range) Range {
	return Range{Start: d.position(r.Start.Offset), End: d.position(r.End.Offset)}
}
