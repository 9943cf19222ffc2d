package pyfront

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// The split of each installed file, kept in the cache directory by the
// file's path, size and modification time: what a run needs of a library
// module before any demand reaches a definition — its skeleton, and where
// each top-level definition lies — so a warm run neither reads a library
// module's whole text nor scans it again (sqlalchemy's compiler.py is
// 190 KB; a project reaches one class). The text of a definition is read
// from the file when a demand reaches it, and split as the whole file
// would have split it: a top-level statement starts at a line of its own
// outside any string or bracket, so its lines scan the same alone.
// Only UTF-8 files are indexed (a PEP 263 decoding moves the offsets).

// libIndex is a library module's split without its text.
type libIndex struct {
	Skeleton []byte
	Defs     map[string][]libDef
}

// libDef is where a top-level definition lies in the file: bytes
// [Start, End) from row Row, its keyword ("class", "def", "async def"),
// and a class's methods by name (what its chunk's key depends on:
// libchunks.go).
type libDef struct {
	Start, End, Row int
	Kw              string
	Methods         []string
}

// index reduces a split to what the next run needs of it.
func (sp *libSplit) index() *libIndex {
	ix := &libIndex{Skeleton: sp.skeleton, Defs: map[string][]libDef{}}
	for name, cs := range sp.defs {
		for _, c := range cs {
			start := sp.lines[c.stmt.first].start
			ix.Defs[name] = append(ix.Defs[name], libDef{Start: start, End: sp.lines[c.stmt.last-1].end,
				Row: bytes.Count(sp.src[:start], []byte("\n")), Kw: c.kw, Methods: sp.memberNames(c.stmt)})
		}
	}
	return ix
}

// indexPath is where the index of the installed file path, as stat'ed,
// lives, or "" when there is no cache directory or no such file.
func (lib *Library) indexPath(path string) string {
	if lib.cacheDir == "" {
		return ""
	}
	info, err := os.Stat(path)
	if err != nil {
		return ""
	}
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%s", path, info.Size(), info.ModTime().UnixNano(), libCacheVersion)))
	return filepath.Join(lib.cacheDir, "split", hex.EncodeToString(h[:16]))
}

// loadIndex returns the split of path kept by an earlier run, or nil.
func (lib *Library) loadIndex(path string) *libSplit {
	p := lib.indexPath(path)
	if p == "" {
		return nil
	}
	b, err := readLibCache(p)
	if err != nil {
		return nil
	}
	ix, ok := decodeLibIndex(b)
	if !ok {
		return nil
	}
	sp := &libSplit{path: path, stamp: p, skeleton: ix.Skeleton, defs: map[string][]libChunk{}}
	for name, ds := range ix.Defs {
		for _, d := range ds {
			sp.defs[name] = append(sp.defs[name], libChunk{kw: d.Kw, at: d})
		}
	}
	return sp
}

// storeIndex keeps sp, split from path's text as stat'ed before it was
// read (indexPath), for the next run.
func (lib *Library) storeIndex(indexPath string, sp *libSplit) {
	if indexPath == "" {
		return
	}
	if atomicfile.Write(indexPath, sp.index().encode()) == nil {
		lib.wrote.Store(true)
	}
}

// readDef reads and splits one definition of an indexed module: a split
// of its text alone, and the definition's statement in it; nil when the
// file no longer holds such a statement there.
func (sp *libSplit) readDef(d libDef) (*libSplit, *pyStmt) {
	f, err := os.Open(sp.path)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	text := make([]byte, d.End-d.Start)
	n, err := f.ReadAt(text, int64(d.Start))
	if err == io.EOF && n == len(text)-1 {
		text[n] = '\n' // the file's last line had no newline; the split added one
	} else if err != nil {
		return nil, nil
	}
	lines, ok := logicalLines(text)
	if !ok {
		return nil, nil
	}
	stmts := statements(text, lines, 0, len(lines))
	if len(stmts) != 1 || lines[0].indent != 0 {
		return nil, nil
	}
	return &libSplit{src: text, lines: lines}, &stmts[0]
}
