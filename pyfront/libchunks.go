package pyfront

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"slices"
	"unsafe"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// The chunks of library definitions on disk, each with its tree. Writing
// a class's chunk reads the class's text from the installed file and
// scans it (sqlalchemy's SQLCompiler is 150 KB, of which a project
// keeps 25), and what it writes depends only on that text and on which of
// the class's methods the project names. So the chunk, the methods it
// left out and its tree are kept together, found by the installed file's
// identity (the split's stamp), the definition's place, the methods of
// the class the project names (or the methods a graft writes) and the
// executable's identity (the tree's layout): a warm run reads one file
// per definition and scans nothing.

// chunkKey is where the chunk of c written for wanted (or for only,
// when set) lives; "" when the split has no stamp or there is no cache.
func (c *libTrees) chunkKey(sp *libSplit, d libChunk, wanted func(string) bool, only map[string]bool) string {
	if c == nil || sp.stamp == "" {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(c.stamp))
	h.Write([]byte{0})
	h.Write([]byte(sp.stamp))
	var buf [binary.MaxVarintLen64]byte
	h.Write(buf[:binary.PutUvarint(buf[:], uint64(sp.defStart(d)))])
	var names []string
	for _, m := range sp.methodsOf(d) {
		if wanted(m) {
			names = append(names, m)
		}
	}
	h.Write([]byte{0})
	for _, m := range names {
		h.Write([]byte(m))
		h.Write([]byte{0})
	}
	if only != nil {
		var extra []string
		for m := range only {
			extra = append(extra, m)
		}
		slices.Sort(extra)
		h.Write([]byte{1})
		for _, m := range extra {
			h.Write([]byte(m))
			h.Write([]byte{0})
		}
	}
	return filepath.Join(c.chunks, hex.EncodeToString(h.Sum(nil)[:16]))
}

// A kept chunk is its tree's nodes (first, so that they are aligned as
// the buffer read is), the chunk's text, the names it left out (each
// after its length), and the lengths of the nodes and of the text.

// loadChunk returns the chunk, the methods it left out and its tree kept
// at key, or nil.
func (c *libTrees) loadChunk(key string) (src []byte, dropped []string, t *tree) {
	if key == "" {
		return nil, nil, nil
	}
	b, err := readLibCache(key)
	if err != nil || len(b) < 8 {
		return nil, nil, nil
	}
	end := len(b) - 8
	nodesLen := int(binary.LittleEndian.Uint32(b[end:]))
	srcLen := int(binary.LittleEndian.Uint32(b[end+4:]))
	if nodesLen > end || srcLen > end-nodesLen {
		return nil, nil, nil
	}
	src = b[nodesLen : nodesLen+srcLen : nodesLen+srcLen]
	names := b[nodesLen+srcLen : end]
	for len(names) > 0 {
		l, n := binary.Uvarint(names)
		if n <= 0 || l > uint64(len(names)-n) {
			return nil, nil, nil
		}
		dropped = append(dropped, string(names[n:n+int(l)]))
		names = names[n+int(l):]
	}
	if t = c.treeOf(b[:nodesLen], src); t == nil {
		return nil, nil, nil
	}
	return src, dropped, t
}

// storeChunk keeps a chunk, the methods it left out and its tree at key.
func (c *libTrees) storeChunk(key string, src []byte, dropped []string, t *tree) {
	if key == "" || t == nil || len(t.nodes) == 0 {
		return
	}
	nodes := unsafe.Slice((*byte)(unsafe.Pointer(&t.nodes[0])), len(t.nodes)*int(unsafe.Sizeof(node{})))
	b := append(slices.Clip(nodes), src...)
	for _, m := range dropped {
		b = binary.AppendUvarint(b, uint64(len(m)))
		b = append(b, m...)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(nodes)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(src)))
	if atomicfile.Write(key, b) == nil {
		c.wrote.Store(true)
	}
}

// defStart is where definition d starts in its file.
func (sp *libSplit) defStart(d libChunk) int {
	if sp.src == nil {
		return d.at.Start
	}
	return sp.lines[d.stmt.first].start
}

// methodsOf lists the methods of class definition d (none for a function).
func (sp *libSplit) methodsOf(d libChunk) []string {
	if sp.src == nil {
		return d.at.Methods
	}
	return sp.memberNames(d.stmt)
}

// memberNames lists the names of the def statements directly in class
// statement st.
func (sp *libSplit) memberNames(st pyStmt) []string {
	if kw, _ := defHeader(sp.src, sp.lines[st.head]); kw != "class" || st.last == st.head+1 {
		return nil
	}
	var names []string
	for _, m := range statements(sp.src, sp.lines, st.head+1, st.last) {
		if kw, name := defHeader(sp.src, sp.lines[m.head]); kw == "def" || kw == "async def" {
			names = append(names, name)
		}
	}
	return names
}
