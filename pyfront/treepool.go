package pyfront

import "sync"

// treeUse says what a parse's tree is for.
type treeUse uint8

const (
	// noTree: parse only (the parse-only benchmark); the tree is empty.
	noTree treeUse = iota
	// keptTree: the tree outlives the parse's caller, in an array of
	// its own size.
	keptTree
	// passingTree: the tree is read and recycled; its array may be a
	// larger recycled one.
	passingTree
	// errorsOnly: only whether the tree holds an ERROR or MISSING node
	// is kept (tree.broken), read from its root: no node is copied.
	errorsOnly
)

// nodeBuffers recycles the node arrays of trees dropped as soon as they
// are read — a module lowered whole, a split module's first tree, the
// parts looked at only for syntax errors. An array per parse was the
// largest allocation of a run, and its pages were touched afresh each
// time.
var nodeBuffers sync.Pool // of *[]node

// takeNodes returns an array of at least n nodes, of its full capacity;
// its contents are stale (flatten writes every field).
func takeNodes(n int) []node {
	if b, _ := nodeBuffers.Get().(*[]node); b != nil && cap(*b) >= n {
		return (*b)[:cap(*b)]
	}
	return make([]node, n)
}

// recycle hands t's nodes to the next parse. Nothing may hold t after:
// it keeps its text but no nodes.
func (t *tree) recycle() {
	if t == nil || cap(t.nodes) == 0 {
		return
	}
	b := t.nodes[:0]
	nodeBuffers.Put(&b)
	t.nodes = nil
}

// dropNodeBuffers lets the collector have the recycled arrays once no
// more parses are to come (the pool would hold them for two more cycles).
func dropNodeBuffers() {
	for nodeBuffers.Get() != nil {
	}
}
