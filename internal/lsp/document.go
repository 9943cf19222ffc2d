package lsp

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/srcpos"
	"github.com/asynclint/asynclint/pyfront"
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
	// lost is set when an edit did not fit the text: the client's buffer
	// and this copy differ, so the document is not analysed until a
	// change or save carries its whole text again (or it is reopened).
	lost bool
	// edits are the changes since the worker last took the text, for an
	// incremental re-parse; editsKnown is false once a change replaced
	// the whole text.
	edits      []pyfront.Edit
	editsKnown bool
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
// text when the change has no range (which also ends a lost state). A
// range outside the text is an error, not clamped: a client computes its
// edits from its own buffer, so such a range means the two copies differ.
func (d *document) apply(c TextDocumentContentChangeEvent) error {
	if c.Range == nil {
		d.replace([]byte(c.Text))
		return nil
	}
	if d.lost {
		return nil // an edit of text we do not have; wait for the whole text
	}
	s, err := d.editOffset(c.Range.Start)
	if err != nil {
		return err
	}
	e, err := d.editOffset(c.Range.End)
	if err != nil {
		return err
	}
	if e < s {
		return fmt.Errorf("the range ends (%d:%d) before it starts (%d:%d)", c.Range.End.Line, c.Range.End.Character, c.Range.Start.Line, c.Range.Start.Character)
	}
	d.edits = append(d.edits, pyfront.TextEdit(d.text, s, e, []byte(c.Text)))
	d.text = slices.Concat(d.text[:s:s], []byte(c.Text), d.text[e:])
	d.starts = srcpos.LineStarts(d.text)
	return nil
}

// replace sets the whole text, which resynchronises a lost document.
func (d *document) replace(text []byte) {
	d.text, d.starts, d.lost = text, srcpos.LineStarts(text), false
	d.edits, d.editsKnown = nil, false
}

// takeEdits returns the edits since the last call, or nil when they do
// not describe how the text changed; the caller holds the server's lock.
func (d *document) takeEdits() []pyfront.Edit {
	edits, known := d.edits, d.editsKnown
	d.edits, d.editsKnown = nil, true
	if !known {
		return nil
	}
	if edits == nil {
		edits = []pyfront.Edit{} // known: no change
	}
	return edits
}

// editOffset converts an edit's position to a byte offset, or fails when
// the position is not in the text.
func (d *document) editOffset(p Position) (int, error) {
	if p.Line < 0 || p.Character < 0 {
		return 0, fmt.Errorf("negative position %d:%d", p.Line, p.Character)
	}
	if p.Line >= len(d.starts) {
		return 0, fmt.Errorf("line %d is past the end of the document (%d lines)", p.Line, len(d.starts))
	}
	line := d.lineBytes(p.Line)
	if n := srcpos.UTF16Count(line, len(line)); p.Character > n {
		return 0, fmt.Errorf("character %d is past the end of line %d (%d characters)", p.Character, p.Line, n)
	}
	return d.starts[p.Line] + srcpos.ByteCount(line, p.Character), nil
}

// lspRange converts an asyncir range of this document.
func (d *document) lspRange(r asyncir.Range) Range {
	return Range{Start: d.position(int(r.Start.Offset)), End: d.position(int(r.End.Offset))}
}
