package pyfront

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// The library cache: what a run learned of an installed file is kept as a
// reduced copy of it — imports, class and def headers (bases, decorators,
// parameters, annotations), the bodies of synchronous functions (their
// returns and attribute stores say what they give back), short
// module-level assignments (aliases) and the if/try blocks that choose
// imports — without docstrings, coroutine bodies (a coroutine function is
// known by its kind and annotations) or other module-level code. The next
// run parses that copy instead of the file. An entry is found by the
// file's path, size and modification time, so an upgraded package is read
// afresh.

// libCacheVersion changes whenever the reduction does.
const libCacheVersion = "2"

// libCacheDir is where entries live ("" when there is no cache directory).
func libCacheDir(dir string) string {
	if dir == "-" {
		return ""
	}
	if dir == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(d, "asynclint")
	}
	return filepath.Join(dir, "lib")
}

// libCacheKey names the entry of an installed file, or "" if it cannot
// be stated.
func libCacheKey(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return ""
	}
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%s", path, info.Size(), info.ModTime().UnixNano(), libCacheVersion)))
	return hex.EncodeToString(h[:16]) + ".py"
}

// lowerLibrary lowers an installed module from its cache entry when there
// is one, else from the file, writing the entry for the next run. It
// reports whether the entry was used.
func (p *parserPool) lowerLibrary(s *source, cacheDir string, opts Options) (*moduleInfo, bool) {
	entry := ""
	if cacheDir != "" {
		if key := libCacheKey(s.path); key != "" {
			entry = filepath.Join(cacheDir, key)
		}
	}
	if entry != "" {
		if b, err := os.ReadFile(entry); err == nil {
			s.src = b
			return p.lowerSource(s, opts), true
		}
	}
	var reduced []byte
	mi := p.lowerSourceWith(s, opts, func(t *tree) {
		if entry != "" {
			reduced = reduceLibrary(t)
		}
	})
	if reduced != nil {
		atomicfile.Write(entry, reduced)
	}
	return mi, false
}

// reduceLibrary writes the reduced copy of a library module (see above).
// Every kept statement keeps its own indentation, so the copy's blocks
// nest as the file's do.
func reduceLibrary(t *tree) []byte {
	r := &reducer{t: t}
	if len(t.nodes) > 0 {
		r.block(0)
	}
	return r.out.Bytes()
}

type reducer struct {
	t   *tree
	out bytes.Buffer
}

// block writes the kept statements of a module or class body and reports
// whether it wrote any.
func (r *reducer) block(n int32) bool {
	wrote := false
	for c := r.t.nodes[n].first; c >= 0; c = r.t.nodes[c].next {
		if r.stmt(c) {
			wrote = true
		}
	}
	return wrote
}

func (r *reducer) stmt(c int32) bool {
	t := r.t
	switch t.kind(c) {
	case kImport, kImportFrom, kFutureImport, kIf, kTry, kTypeAlias:
		r.verbatim(c)
		return true
	case kExpressionStatement:
		cs := t.namedChildren(c)
		if len(cs) == 1 && t.kind(cs[0]) == kAssignment && t.nodes[c].end-t.nodes[c].start <= 400 {
			r.verbatim(c)
			return true
		}
	case kClassDef:
		r.def(c, c)
		return true
	case kFunctionDef:
		r.def(c, c)
		return true
	case kDecoratedDef:
		cs := t.namedChildren(c)
		if len(cs) > 0 {
			if d := cs[len(cs)-1]; t.kind(d) == kFunctionDef || t.kind(d) == kClassDef {
				r.def(c, d)
				return true
			}
		}
		r.verbatim(c)
		return true
	}
	return false
}

// def writes a class or function statement: from its first decorator
// (stmt) to its body, then the reduced body.
func (r *reducer) def(stmt, d int32) {
	t := r.t
	body := t.field(d, fBody)
	if body < 0 || t.nodes[body].row == t.nodes[d].row {
		r.verbatim(stmt) // "def f(): return 1" on one line
		return
	}
	r.indent(stmt)
	r.out.Write(bytes.TrimRight(t.src[t.nodes[stmt].start:t.nodes[body].start], " \t\r\n"))
	r.out.WriteByte('\n')
	switch {
	case t.kind(d) == kClassDef:
		if !r.block(body) {
			r.placeholder(body, "...")
		}
	case t.hasChild(d, kAsync):
		if containsYield(t, body) {
			r.placeholder(body, "yield")
		} else {
			r.placeholder(body, "...")
		}
	case !returnsValue(t, body):
		// A function that returns no value gives nothing back to type:
		// only its attribute stores (self.x = ...) and whether it is a
		// generator matter.
		wrote := false
		for c := t.nodes[body].first; c >= 0; c = t.nodes[c].next {
			if isSelfStore(t, c) {
				r.verbatim(c)
				wrote = true
			}
		}
		if containsYield(t, body) {
			r.placeholder(body, "yield")
		} else if !wrote {
			r.placeholder(body, "...")
		}
	default:
		wrote := false
		first := true
		for c := t.nodes[body].first; c >= 0; c = t.nodes[c].next {
			if t.kind(c) == kComment {
				continue
			}
			if first && isDocstring(t, c) {
				first = false
				continue
			}
			first = false
			r.verbatim(c)
			wrote = true
		}
		if !wrote {
			r.placeholder(body, "...")
		}
	}
}

// returnsValue reports whether a function body (nested functions
// included) returns something other than a literal.
func returnsValue(t *tree, n int32) bool {
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		if t.kind(c) == kReturn {
			for _, v := range t.namedChildren(c) {
				switch t.kind(v) {
				case kString, kConcatString, kInteger, kFloat, kTrue, kFalse, kNone, kComment:
				default:
					return true
				}
			}
			continue
		}
		if t.nodes[c].first >= 0 && returnsValue(t, c) {
			return true
		}
	}
	return false
}

// isSelfStore reports whether a statement assigns to an attribute
// ("self.session = ClientSession()").
func isSelfStore(t *tree, c int32) bool {
	if t.kind(c) != kExpressionStatement {
		return false
	}
	cs := t.namedChildren(c)
	if len(cs) != 1 || t.kind(cs[0]) != kAssignment {
		return false
	}
	left := t.field(cs[0], fLeft)
	return left >= 0 && t.kind(left) == kAttribute
}

// placeholder stands for a dropped body, at the body's indentation.
func (r *reducer) placeholder(body int32, s string) {
	r.indent(body)
	r.out.WriteString(s)
	r.out.WriteByte('\n')
}

func (r *reducer) verbatim(n int32) {
	r.indent(n)
	r.out.Write(r.t.src[r.t.nodes[n].start:r.t.nodes[n].end])
	r.out.WriteByte('\n')
}

// indent writes the indentation of n's line (spaces to its column when
// the line holds something else before it).
func (r *reducer) indent(n int32) {
	src := r.t.src
	start := int(r.t.nodes[n].start)
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	lead := src[ls:start]
	if len(bytes.Trim(lead, " \t")) == 0 {
		r.out.Write(lead)
		return
	}
	r.out.Write(bytes.Repeat([]byte{' '}, int(r.t.nodes[n].col)))
}
