package pyfront

/*
#include <stdint.h>

// The subset of tree-sitter's api.h that an incremental re-parse needs.
// The pinned go-tree-sitter's Tree.Edit passes the old end point as the
// new one; the edit is applied here with the point the API asks for.
typedef struct TSTree TSTree;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct {
	uint32_t start_byte, old_end_byte, new_end_byte;
	TSPoint start_point, old_end_point, new_end_point;
} TSInputEdit;
void ts_tree_edit(TSTree *self, const TSInputEdit *edit);
*/
import "C"

import (
	"bytes"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// Edit is one change of a text: the bytes [Start, OldEnd) of the text
// before it became [Start, NewEnd) of the text after it; rows are 0-based
// and columns count bytes, as tree-sitter's points do.
type Edit struct {
	Start, OldEnd, NewEnd                    int
	StartRow, StartCol, OldEndRow, OldEndCol int
	NewEndRow, NewEndCol                     int
	Text                                     []byte // the new bytes
}

// TextEdit is the Edit that replaces old[start:end] by text.
func TextEdit(old []byte, start, end int, text []byte) Edit {
	e := Edit{Start: start, OldEnd: end, NewEnd: start + len(text), Text: text}
	e.StartRow, e.StartCol = point(old, start)
	e.OldEndRow, e.OldEndCol = point(old, end)
	if i := bytes.LastIndexByte(text, '\n'); i >= 0 {
		e.NewEndRow, e.NewEndCol = e.StartRow+bytes.Count(text, []byte{'\n'}), len(text)-i-1
	} else {
		e.NewEndRow, e.NewEndCol = e.StartRow, e.StartCol+len(text)
	}
	return e
}

// point is the row and byte column of offset off in src.
func point(src []byte, off int) (int, int) {
	row := bytes.Count(src[:off], []byte{'\n'})
	return row, off - (bytes.LastIndexByte(src[:off], '\n') + 1)
}

// editTree tells a syntax tree about an edit of its text, so the next
// parse with it as the old tree reuses what the edit did not touch.
func editTree(t *sitter.Tree, e Edit) {
	in := C.TSInputEdit{
		start_byte: C.uint32_t(e.Start), old_end_byte: C.uint32_t(e.OldEnd), new_end_byte: C.uint32_t(e.NewEnd),
		start_point:   C.TSPoint{row: C.uint32_t(e.StartRow), column: C.uint32_t(e.StartCol)},
		old_end_point: C.TSPoint{row: C.uint32_t(e.OldEndRow), column: C.uint32_t(e.OldEndCol)},
		new_end_point: C.TSPoint{row: C.uint32_t(e.NewEndRow), column: C.uint32_t(e.NewEndCol)},
	}
	C.ts_tree_edit((*C.TSTree)(unsafe.Pointer(treePointer(t))), &in)
}

// applyEdits replays edits on old and reports whether they give want: the
// edits describe exactly how the text changed, or the old tree is of no use.
func applyEdits(old []byte, edits []Edit, want []byte) bool {
	cur := old
	for _, e := range edits {
		if e.Start < 0 || e.OldEnd < e.Start || e.OldEnd > len(cur) || e.NewEnd != e.Start+len(e.Text) {
			return false
		}
		cur = append(append(append([]byte{}, cur[:e.Start]...), e.Text...), cur[e.OldEnd:]...)
	}
	return bytes.Equal(cur, want)
}
