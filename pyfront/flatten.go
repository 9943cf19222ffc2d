package pyfront

/*
#include <stdbool.h>
#include <stdint.h>

// The subset of tree-sitter's api.h (v0.22, the version the pinned
// github.com/smacker/go-tree-sitter compiles) that flatten needs. The
// functions are defined by that package's C objects, linked into the same
// binary.
typedef struct TSTree TSTree;
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSNode ts_tree_root_node(const TSTree *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
TSPoint ts_node_start_point(TSNode self);
TSPoint ts_node_end_point(TSNode self);
bool ts_node_is_missing(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);

typedef struct {
	uint32_t start, end, row, col, erow, ecol;
	int32_t first, next, parent;
	uint16_t sym, field;
	uint8_t missing;
} flat_node;

// flatten writes the tree in pre-order into out and returns the number of
// nodes; when that exceeds cap, nothing past cap is written and the caller
// retries with a larger buffer.
static int64_t flatten(const TSTree *tree, flat_node *out, int64_t cap) {
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
			f->sym = ts_node_symbol(node);
			f->field = ts_tree_cursor_current_field_id(&c);
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
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// flatNode mirrors flat_node.
type flatNode = C.flat_node

// treePointer returns the C tree behind a go-tree-sitter Tree: BaseTree's
// first field. The layout is pinned by go.mod and checked by
// TestFlattenMatchesCursor.
func treePointer(t *sitter.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t.BaseTree))
}

// flattenTree copies a tree in one cgo call (a cursor walk through the
// binding costs several cgo calls and a map insertion per node).
func flattenTree(g *grammar, t *sitter.Tree, src []byte, flatBufs *sync.Pool) *tree {
	return flattenSized(g, t, src, len(src), flatBufs)
}

// flattenSized is flattenTree for a tree of size bytes of src (a parse of
// some ranges of it).
func flattenSized(g *grammar, t *sitter.Tree, src []byte, size int, flatBufs *sync.Pool) *tree {
	// Python source has about one node per 4–5 bytes (data tables more
	// than one per 2); a short buffer is retried at the exact size, a
	// second walk of the tree. The buffer is reused across files at its
	// full size, so a retry happens once, not for every large file.
	bp := flatBufs.Get().(*[]flatNode)
	defer flatBufs.Put(bp)
	capacity := max(size/3+64, cap(*bp))
	var buf []flatNode
	for {
		if cap(*bp) < capacity {
			*bp = make([]flatNode, capacity)
		}
		buf = (*bp)[:capacity]
		n := int(C.flatten(treePointer(t), &buf[0], C.int64_t(capacity)))
		if n <= capacity {
			buf = buf[:n]
			break
		}
		capacity = n
	}
	out := &tree{src: src, nodes: make([]node, len(buf))}
	for i := range buf {
		f := &buf[i]
		nd := &out.nodes[i]
		sym := int(f.sym)
		if sym < len(g.kinds) {
			nd.kind, nd.named = g.kinds[sym], g.named[sym]
		}
		if sym == 0xFFFF {
			nd.kind, nd.named = kError, true
		}
		nd.symbolIsErr = nd.kind == kError
		if fid := int(f.field); fid > 0 && fid < len(g.fields) {
			nd.field = g.fields[fid]
		}
		nd.missing = f.missing != 0
		nd.start, nd.end = uint32(f.start), uint32(f.end)
		nd.row, nd.col, nd.erow, nd.ecol = uint32(f.row), uint32(f.col), uint32(f.erow), uint32(f.ecol)
		nd.first, nd.next, nd.parent = int32(f.first), int32(f.next), int32(f.parent)
	}
	return out
}
