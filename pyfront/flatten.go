package pyfront

/*
#include <stdbool.h>
#include <stdint.h>

// The subset of tree-sitter's api.h (v0.22, the version the pinned
// github.com/smacker/go-tree-sitter compiles) that flatten needs. The
// functions are defined by that package's C objects, linked into the same
// binary.
typedef struct TSTree TSTree;
typedef struct TSParser TSParser;
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
TSPoint ts_node_start_point(TSNode self);
TSPoint ts_node_end_point(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_has_error(TSNode self);
uint32_t ts_node_descendant_count(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);

// tree_has_error reports whether the tree holds an ERROR or MISSING node
// (tree-sitter keeps the answer at every node).
static bool tree_has_error(const TSTree *tree) {
	return ts_node_has_error(ts_tree_root_node(tree));
}

// flat_node is Go's node (tree.go), field for field: flatten writes the
// nodes the lowering reads, with no copy in between.
typedef struct {
	uint8_t kind, field;
	bool named, missing;
	uint32_t start, end, row, col, erow, ecol;
	int32_t first, next, parent;
	bool symbol_is_err, has_error;
} flat_node;

// node_count is the number of nodes flatten writes (when the tree is not
// deeper than it follows): the root and its visible descendants.
static int64_t node_count(const TSTree *tree) {
	return ts_node_descendant_count(ts_tree_root_node(tree));
}

// flatten writes the tree in pre-order into out and returns the number of
// nodes; when that exceeds cap, nothing past cap is written and the caller
// retries with a larger buffer. kinds and named map tree-sitter's symbols,
// fields its field ids, to Go's (grammar in tree.go).
static int64_t flatten(const TSTree *tree, const uint8_t *kinds, const bool *named, int64_t nkinds,
		const uint8_t *fields, int64_t nfields, uint8_t error_kind, flat_node *out, int64_t cap) {
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	int64_t n = 0;
	int32_t parent = -1;
	int32_t last[4096];
	int depth = 0;
	last[0] = -1;
	for (;;) {
		TSNode node = ts_tree_cursor_current_node(&c);
		int32_t idx = (int32_t)n;
		if (n < cap) {
			flat_node *f = &out[n];
			TSSymbol sym = ts_node_symbol(node);
			TSFieldId fid = ts_tree_cursor_current_field_id(&c);
			f->kind = 0; f->named = false;
			if (sym < nkinds) { f->kind = kinds[sym]; f->named = named[sym]; }
			if (sym == 0xFFFF) { f->kind = error_kind; f->named = true; }
			f->symbol_is_err = f->kind == error_kind;
			f->has_error = false;
			f->field = fid > 0 && fid < nfields ? fields[fid] : 0;
			f->start = ts_node_start_byte(node);
			f->end = ts_node_end_byte(node);
			TSPoint s = ts_node_start_point(node), e = ts_node_end_point(node);
			f->row = s.row; f->col = s.column; f->erow = e.row; f->ecol = e.column;
			f->missing = f->start == f->end && ts_node_is_missing(node);
			f->first = -1; f->next = -1; f->parent = parent;
			if (parent >= 0 && depth > 0) {
				if (last[depth] < 0) out[parent].first = idx;
				else out[last[depth]].next = idx;
			}
		}
		if (depth > 0) last[depth] = idx;
		n++;
		if (depth < 4095 && ts_tree_cursor_goto_first_child(&c)) {
			depth++;
			last[depth] = -1;
			parent = idx;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			depth--;
			parent = (parent >= 0 && parent < cap) ? out[parent].parent : -1;
		}
	}
}
*/
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// flatNode is node as C sees it.
type flatNode = C.flat_node

// The two layouts must agree: each index below fails to compile (out of
// range, or a negative uintptr) when a size or an offset differs.
var _ = [1]struct{}{}[unsafe.Sizeof(node{})-unsafe.Sizeof(flatNode{})]
var _ = [1]struct{}{}[unsafe.Offsetof(node{}.start)-unsafe.Offsetof(flatNode{}.start)]
var _ = [1]struct{}{}[unsafe.Offsetof(node{}.parent)-unsafe.Offsetof(flatNode{}.parent)]
var _ = [1]struct{}{}[unsafe.Offsetof(node{}.symbolIsErr)-unsafe.Offsetof(flatNode{}.symbol_is_err)]
var _ = [1]struct{}{}[unsafe.Offsetof(node{}.hasError)-unsafe.Offsetof(flatNode{}.has_error)]

// treePointer returns the C tree behind a go-tree-sitter Tree: BaseTree's
// first field. The layout is pinned by go.mod and checked by
// TestFlattenMatchesCursor.
func treePointer(t *sitter.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t.BaseTree))
}

// parserPointer returns the C parser behind a go-tree-sitter Parser: the
// field after isClosed. The layout is pinned by go.mod and checked by
// TestParseTextMatchesBinding.
func parserPointer(ps *sitter.Parser) *C.TSParser {
	return (*struct {
		isClosed bool
		c        *C.TSParser
		cancel   *uintptr
	})(unsafe.Pointer(ps)).c
}

// parseText parses src with ps (its included ranges and operation limit
// as set) and flattens the tree as use says; nil when the parse gave up.
// The text is read where it lies: the binding's Parse copies the whole
// text into C memory on every call, and a file parsed in parts is parsed
// once per part. buf, when it has room, holds the nodes (a reused slice:
// a segmented module's trees are each a megabyte, dropped at once).
func parseText(g *grammar, ps *sitter.Parser, src []byte, use treeUse, buf []node) *tree {
	var text *C.char
	if len(src) > 0 {
		text = (*C.char)(unsafe.Pointer(&src[0]))
	}
	ct := C.ts_parser_parse_string(parserPointer(ps), nil, text, C.uint32_t(len(src)))
	if ct == nil {
		return nil
	}
	defer C.ts_tree_delete(ct)
	switch use {
	case noTree:
		return &tree{src: src}
	case errorsOnly:
		return &tree{src: src, broken: bool(C.tree_has_error(ct))}
	}
	return flattenC(g, ct, src, use == passingTree, buf)
}

// flattenTree copies a tree of the binding in one cgo call (a cursor walk
// through the binding costs several cgo calls and a map insertion per
// node).
func flattenTree(g *grammar, t *sitter.Tree, src []byte) *tree {
	return flattenC(g, treePointer(t), src, false, nil)
}

// flattenC writes t's nodes straight into a slice of their exact size:
// buf's memory when it has room, or a recycled one (treepool.go).
func flattenC(g *grammar, t *C.TSTree, src []byte, recycled bool, buf []node) *tree {
	count := max(int(C.node_count(t)), 1)
	var nodes []node
	switch {
	case count <= cap(buf):
		nodes = buf[:count]
	case recycled:
		nodes = takeNodes(count)
	default:
		nodes = make([]node, count)
	}
	for {
		n := int(C.flatten(t,
			(*C.uint8_t)(&g.kinds[0]), (*C.bool)(&g.named[0]), C.int64_t(len(g.kinds)),
			(*C.uint8_t)(&g.fields[0]), C.int64_t(len(g.fields)), C.uint8_t(kError),
			(*flatNode)(unsafe.Pointer(&nodes[0])), C.int64_t(len(nodes))))
		if n <= len(nodes) {
			return &tree{src: src, nodes: nodes[:n]}
		}
		nodes = make([]node, n)
	}
}
