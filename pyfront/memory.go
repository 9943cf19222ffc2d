package pyfront

import (
	"runtime"

	sitter "github.com/smacker/go-tree-sitter"
)

// trimAfter is the size of a parse after which the C heap it used is
// trimmed at once: a parse this large (a module over the default
// max-file-size, or a whole segmented module) would otherwise leave its
// tree's memory resident while the Go heap grows. Smaller parses reuse
// what the previous ones on their thread's C arena freed; trimming after
// each of them only had the next fault it in again.
const trimAfter = 1 << 20

// parsedSize is the number of bytes of src a parse of ranges reads.
func parsedSize(src []byte, ranges []sitter.Range) int {
	if ranges == nil {
		return len(src)
	}
	n := 0
	for _, r := range ranges {
		n += int(r.EndByte - r.StartByte)
	}
	return n
}

// releaseParsing gives back what only parsing needed, once Load parses
// no more: the C heap of tree-sitter's trees, the recycled node arrays,
// and, in a run that keeps no session, the garbage lowering left. The
// collector's goal was set mid-lowering, at twice the heap live then;
// linking and the analyzers would allocate on top of that garbage up to
// it (stdlib: the peak was the end of linking). One collection here,
// when the garbage is at its largest, often replaces one that would come
// during linking; a session (the language server) keeps its memory
// anyway and is not made to wait. The hold on the collector
// (gchold.go) ends after that collection.
func (p *parserPool) releaseParsing(keepSession bool) {
	trimCHeap()
	dropNodeBuffers()
	if !keepSession {
		runtime.GC()
	}
	p.releaseGC()
}
