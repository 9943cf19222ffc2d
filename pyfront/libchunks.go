package pyfront

import (
	"bytes"
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

// loadChunk returns the chunk, the methods it left out and its tree kept
// at key, or nil.
func (c *libTrees) loadChunk(key string) (src []byte, dropped []string, t *tree) {
	if key == "" {
		return nil, nil, nil
	}
	b, err := readLibCache(key)
	if err != nil {
		return nil, nil, nil
	}
	r := bytes.NewReader(b)
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(r.Len()) {
		return nil, nil, nil
	}
	at := len(b) - r.Len()
	src = b[at : at+int(n) : at+int(n)]
	r.Seek(int64(at+int(n)), 0)
	count, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, nil, nil
	}
	for range count {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > uint64(r.Len()) {
			return nil, nil, nil
		}
		name := make([]byte, l)
		r.Read(name)
		dropped = append(dropped, string(name))
	}
	// The nodes start at the next multiple of their alignment.
	at = len(b) - r.Len()
	align := int(unsafe.Alignof(node{}))
	pad := (align - at%align) % align
	if at+pad > len(b) {
		return nil, nil, nil
	}
	nodes := append([]byte(nil), b[at+pad:]...) // aligned by the allocator
	if t = c.treeOf(nodes, src); t == nil {
		return nil, nil, nil
	}
	return src, dropped, t
}

// storeChunk keeps a chunk, the methods it left out and its tree at key.
func (c *libTrees) storeChunk(key string, src []byte, dropped []string, t *tree) {
	if key == "" || t == nil || len(t.nodes) == 0 {
		return
	}
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(src)))
	b = append(b, src...)
	b = binary.AppendUvarint(b, uint64(len(dropped)))
	for _, m := range dropped {
		b = binary.AppendUvarint(b, uint64(len(m)))
		b = append(b, m...)
	}
	align := int(unsafe.Alignof(node{}))
	for len(b)%align != 0 {
		b = append(b, 0)
	}
	b = append(b, unsafe.Slice((*byte)(unsafe.Pointer(&t.nodes[0])), len(t.nodes)*int(unsafe.Sizeof(node{})))...)
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
