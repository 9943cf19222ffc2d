package pyfront

import (
	"bytes"
	"strings"
)

// Splitting a library module by its text, before any parse. A library
// module is mostly definitions the project never reaches (sqlalchemy's
// compiler.py is 190 KB, of which a project reaches one class), and
// parsing is what a run pays for. So the module's logical lines are found
// by a scan of the bytes (strings, comments, brackets, continuations), and
// only its binding statements — imports, short assignments, the if/try
// blocks that choose them — are parsed at once, as the module's skeleton.
// Each top-level def or class is set aside as a chunk of text, parsed and
// lowered only when a demand reaches its name (lazy.go). A chunk is laid
// at its own rows (newlines before it), so positions stay the file's.
//
// A reached class keeps the bodies of the synchronous methods whose names
// the project mentions, of the methods those call on self, and of its
// dunder methods; the other methods the project or the class's kept code
// names keep their header (name, decorators, parameters, return
// annotation) over a placeholder body, and a method nothing names is left
// out: no lookup can reach it (sqlalchemy's SQLCompiler has 145 methods,
// of which a project deriving from it names five). Coroutine functions
// keep only their header too: a coroutine function is known by its kind
// and annotations — except an async dunder, whose "return self" says what
// "async with" binds, and a decorated async generator, whose yields say
// what an @asynccontextmanager binds. A text that does not scan (an unterminated string
// or bracket) is parsed whole.

// pyLine is one logical line: bytes start (its line's beginning) to end
// (after its newline), and its indentation.
type pyLine struct {
	start, end int
	indent     int
}

// logicalLines lists the logical lines of src; blank and comment-only
// lines are none. ok is false when the text does not scan.
func logicalLines(src []byte) (lines []pyLine, ok bool) {
	// Room for every physical line at once: appending to a slice that
	// doubles copied a 10 MB module's lines over and over (and allocated
	// three times what they take).
	lines = make([]pyLine, 0, bytes.Count(src, []byte("\n"))+1)
	for i := 0; ; {
		line, found, ok := nextLogicalLine(src, i)
		if !ok {
			return nil, false
		}
		if !found {
			return lines, true
		}
		lines = append(lines, line)
		i = line.end
	}
}

// nextLogicalLine is the first logical line of src at or after offset i
// (the start of a physical line, not inside a string or brackets); found
// is false past the last one, ok false when the text does not scan.
func nextLogicalLine(src []byte, i int) (line pyLine, found, ok bool) {
	n := len(src)
	for i < n {
		j := i
		for j < n && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f') {
			j++
		}
		if j == n {
			break
		}
		if src[j] == '\r' || src[j] == '\n' || src[j] == '#' {
			for j < n && src[j] != '\n' {
				j++
			}
			i = j + 1
			continue
		}
		line = pyLine{start: i, indent: j - i}
		depth := 0
		k := j
	scan:
		for k < n {
			switch c := src[k]; c {
			case '#':
				for k < n && src[k] != '\n' {
					k++
				}
			case '\\':
				k++
				if k < n && src[k] == '\r' {
					k++
				}
				k++
			case '(', '[', '{':
				depth++
				k++
			case ')', ']', '}':
				depth--
				k++
			case '\'', '"':
				if k, ok = skipString(src, k); !ok {
					return pyLine{}, false, false
				}
			case '\n':
				k++
				if depth <= 0 {
					break scan
				}
			default:
				k++
			}
		}
		if depth > 0 {
			return pyLine{}, false, false
		}
		line.end = min(k, n)
		return line, true, true
	}
	return pyLine{}, false, true
}

// skipString returns the offset after the string literal at k.
func skipString(src []byte, k int) (int, bool) {
	q := src[k]
	triple := k+2 < len(src) && src[k+1] == q && src[k+2] == q
	if triple {
		k += 3
	} else {
		k++
	}
	for k < len(src) {
		switch c := src[k]; {
		case c == '\\':
			k += 2
		case c == '\n' && !triple:
			return k, false
		case c == q:
			if !triple {
				return k + 1, true
			}
			if k+2 < len(src) && src[k+1] == q && src[k+2] == q {
				return k + 3, true
			}
			k++
		default:
			k++
		}
	}
	return k, false
}

// pyStmt is one statement: logical lines [first, last) of a block, its
// decorators included; head is its first line after the decorators.
type pyStmt struct {
	first, head, last int
}

// statements groups lines[lo:hi] into the statements of one block: a
// line at the block's indentation starts one, deeper lines and clause
// lines (else, elif, except, finally) belong to it, and decorator lines
// join the statement they decorate.
func statements(src []byte, lines []pyLine, lo, hi int) []pyStmt {
	var out []pyStmt
	if lo >= hi {
		return nil
	}
	ind := lines[lo].indent
	decorated := -1
	for i := lo; i < hi; {
		j := i + 1
		for j < hi && lines[j].indent > ind {
			j++
		}
		if bytes.HasPrefix(src[lines[i].start+lines[i].indent:], []byte("@")) {
			if decorated < 0 {
				decorated = i
			}
			i = j
			continue
		}
		if decorated < 0 && len(out) > 0 && isClause(src[lines[i].start+lines[i].indent:lines[i].end]) {
			// elif/else/except/finally continue the statement before:
			// a skeleton that kept "if c: x = a" without "else: x = b"
			// would say x is a.
			out[len(out)-1].last = j
			i = j
			continue
		}
		first := i
		if decorated >= 0 {
			first, decorated = decorated, -1
		}
		out = append(out, pyStmt{first: first, head: i, last: j})
		i = j
	}
	if decorated >= 0 {
		out = append(out, pyStmt{first: decorated, head: hi - 1, last: hi})
	}
	return out
}

// defHeader reads a def or class statement's head line: its keyword
// ("def", "async def" or "class") and name, or "" for anything else.
func defHeader(src []byte, l pyLine) (kw, name string) {
	s := src[l.start+l.indent : l.end]
	for _, k := range []string{"async def", "def", "class"} {
		rest, ok := bytes.CutPrefix(s, []byte(k))
		if !ok || len(rest) == 0 || rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		rest = bytes.TrimLeft(rest, " \t")
		n := 0
		for n < len(rest) && isIdentByte(rest[n]) {
			n++
		}
		if n == 0 {
			return "", ""
		}
		return k, string(rest[:n])
	}
	if rest, ok := bytes.CutPrefix(s, []byte("async")); ok {
		rest = bytes.TrimLeft(rest, " \t")
		if k, name := defHeader(rest, pyLine{end: len(rest)}); k == "def" {
			return "async def", name
		}
	}
	return "", ""
}

// libChunk is a top-level definition set aside: its statement in the
// module's lines, or where it lies in the file (at) when the module's
// split came from the cache (libindex.go); kw is its keyword.
type libChunk struct {
	stmt pyStmt
	at   libDef
	kw   string
}

// libSplit is a library module split by its text. A split read back from
// the cache has no text (src, lines): path is the file its definitions
// are read from.
type libSplit struct {
	src   []byte
	lines []pyLine
	path  string
	// stamp identifies the installed file as it was split (its index's
	// path), "" when its chunks are not kept (libchunks.go).
	stamp string
	// skeleton is the module with only its binding statements kept,
	// every other line left empty.
	skeleton []byte
	// defs are the top-level definitions by name, in file order.
	defs map[string][]libChunk
}

// skeletonLimit is the longest simple statement kept in a skeleton:
// longer ones are data tables, not aliases.
const skeletonLimit = 400

// splitLibrary splits a library module's source, or returns nil when the
// text does not scan.
// Statements calling one of keepCalls are kept whatever their length
// (lazy export tables: lazyexports.go).
func splitLibrary(src []byte, keepCalls map[string]bool) *libSplit {
	if len(src) > 0 && src[len(src)-1] != '\n' {
		src = append(src[:len(src):len(src)], '\n')
	}
	lines, ok := logicalLines(src)
	if !ok {
		return nil
	}
	sp := &libSplit{src: src, lines: lines, defs: map[string][]libChunk{}}
	var w chunkWriter
	w.src = src
	for _, st := range statements(src, lines, 0, len(lines)) {
		head := lines[st.head]
		if head.indent != 0 {
			return nil // an indented first line: not a module we understand
		}
		if kw, name := defHeader(src, head); kw != "" {
			sp.defs[name] = append(sp.defs[name], libChunk{stmt: st, kw: kw})
			continue
		}
		if sp.keep(st) || sp.callsOneOf(st, keepCalls) {
			w.verbatim(lines[st.first].start, lines[st.last-1].end)
		}
	}
	w.gap(len(src))
	sp.skeleton = w.out.Bytes()
	return sp
}

// callsOneOf reports whether a top-level statement is a call of one of
// names ("lazy_import(globals(), ...)").
func (sp *libSplit) callsOneOf(st pyStmt, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	l := sp.lines[st.head]
	s := sp.src[l.start:l.end]
	n := 0
	for n < len(s) && isIdentByte(s[n]) {
		n++
	}
	return n > 0 && names[string(s[:n])] && bytes.HasPrefix(bytes.TrimLeft(s[n:], " \t"), []byte("("))
}

// keep reports whether a top-level statement binds names the way the
// linker follows: imports, the blocks that choose them, short simple
// statements (aliases, TypeVars, __all__).
func (sp *libSplit) keep(st pyStmt) bool {
	l := sp.lines[st.head]
	s := sp.src[l.start:l.end]
	for _, kw := range []string{"import", "from", "if", "try"} {
		if rest, ok := bytes.CutPrefix(s, []byte(kw)); ok && len(rest) > 0 && !isIdentByte(rest[0]) {
			return true
		}
	}
	for _, kw := range []string{"for", "while", "with", "async", "match", "del", "raise", "assert"} {
		if rest, ok := bytes.CutPrefix(s, []byte(kw)); ok && len(rest) > 0 && !isIdentByte(rest[0]) {
			return false
		}
	}
	return st.last == st.head+1 && l.end-l.start <= skeletonLimit
}

// chunk writes the source of a top-level definition, at its own rows:
// a class with the methods the project does not name (wanted) reduced to
// their headers, or left out (dropped) when nothing of the class names
// them either, a coroutine function reduced to its header. It returns
// nil when the definition cannot be read (its file changed).
func (sp *libSplit) chunk(c libChunk, wanted func(string) bool) (src []byte, dropped []string) {
	return sp.write(c, wanted, nil)
}

// graftChunk writes the head of class c and its methods names, each as
// chunk writes it, at their rows.
func (sp *libSplit) graftChunk(c libChunk, wanted func(string) bool, names map[string]bool) []byte {
	src, _ := sp.write(c, wanted, names)
	return src
}

func (sp *libSplit) write(c libChunk, wanted func(string) bool, only map[string]bool) (src []byte, dropped []string) {
	w := chunkWriter{only: only}
	if sp.src == nil {
		def, st := sp.readDef(c.at)
		if def == nil {
			return nil, nil
		}
		w.src = def.src
		w.out.Write(bytes.Repeat([]byte("\n"), c.at.Row))
		def.writeDef(&w, *st, wanted, true)
		return w.out.Bytes(), w.dropped
	}
	w.src = sp.src
	w.gap(sp.lines[c.stmt.first].start)
	sp.writeDef(&w, c.stmt, wanted, true)
	return w.out.Bytes(), w.dropped
}

// writeDef writes one def or class statement; top says whether it is a
// module-level definition (a class's methods are then its members).
func (sp *libSplit) writeDef(w *chunkWriter, st pyStmt, wanted func(string) bool, top bool) {
	lines := sp.lines
	kw, name := defHeader(sp.src, lines[st.head])
	end := lines[st.last-1].end
	switch {
	case st.last == st.head+1: // one line: "def f(): ..."
		w.verbatim(lines[st.first].start, end)
	case kw == "class" && top:
		w.verbatim(lines[st.first].start, lines[st.head].end)
		members := statements(sp.src, lines, st.head+1, st.last)
		wanted = sp.selfCalls(members, wanted)
		named := sp.namedByClass(members, wanted)
		for _, m := range members {
			mkw, mname := defHeader(sp.src, lines[m.head])
			isMethod := mkw == "def" || mkw == "async def"
			switch {
			case w.only != nil:
				if isMethod && w.only[mname] {
					sp.writeDef(w, m, wanted, false)
				}
			case !isMethod:
				w.verbatim(lines[m.first].start, lines[m.last-1].end)
			case wanted(mname) || named[mname]:
				sp.writeDef(w, m, wanted, false)
			default:
				w.dropped = append(w.dropped, mname)
			}
		}
	case kw == "def" && (top || wanted(name)), kw == "class", kw == "async def" && isDunder(name),
		kw == "async def" && st.first < st.head && (top || wanted(name)) && sp.bodyYields(st):
		// A decorated async generator keeps its body too: under
		// @asynccontextmanager its yields say what "async with" binds.
		w.verbatim(lines[st.first].start, end)
	default:
		// The header, then a placeholder body that keeps the
		// function's kind: a generator yields.
		w.verbatim(lines[st.first].start, lines[st.head].end)
		body := lines[st.head+1]
		placeholder := "..."
		switch {
		case sp.bodyYields(st):
			placeholder = "yield"
		case kw == "async def" && sp.bodyReturnsSelf(st):
			placeholder = "return self"
		}
		w.gap(body.start)
		w.out.Write(sp.src[body.start : body.start+body.indent])
		w.out.WriteString(placeholder)
		w.out.WriteByte('\n')
		w.at = body.start
		w.skipLine()
	}
}

func isDunder(name string) bool {
	return len(name) > 4 && strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}

// selfCallRounds bounds how far a class's kept methods pull in the
// methods they call on self: one round, one call deeper.
const selfCallRounds = 1

// selfCalls widens wanted by the methods that the wanted synchronous
// methods of a class call on self ("self._send(data)"):
// the may-block summary follows them.
func (sp *libSplit) selfCalls(members []pyStmt, wanted func(string) bool) func(string) bool {
	sync := map[string]pyStmt{}
	for _, m := range members {
		if kw, name := defHeader(sp.src, sp.lines[m.head]); kw == "def" {
			sync[name] = m
		}
	}
	more := map[string]bool{}
	in := func(name string) bool { return more[name] || wanted(name) }
	for range selfCallRounds {
		var found []string
		for name, m := range sync {
			if !in(name) {
				continue
			}
			body := sp.src[sp.lines[m.head].end:sp.lines[m.last-1].end]
			for off := 0; ; {
				i := bytes.Index(body[off:], []byte("self."))
				if i < 0 {
					break
				}
				j := off + i + len("self.")
				k := j
				for k < len(body) && isIdentByte(body[k]) {
					k++
				}
				if k < len(body) && body[k] == '(' && (off+i == 0 || !isIdentByte(body[off+i-1])) {
					if callee := string(body[j:k]); !in(callee) {
						if _, ok := sync[callee]; ok {
							found = append(found, callee)
						}
					}
				}
				off = k
			}
		}
		if len(found) == 0 {
			break
		}
		for _, n := range found {
			more[n] = true
		}
	}
	if len(more) == 0 {
		return wanted
	}
	return in
}

// namedByClass lists the methods not wanted that the class's statements
// other than methods, or the methods whose bodies are kept (wanted), name:
// the words its own kept code may reach a method by (self.flush(),
// super().close(), __call__ = execute, @value.setter).
func (sp *libSplit) namedByClass(members []pyStmt, wanted func(string) bool) map[string]bool {
	candidates := map[string]bool{}
	for _, m := range members {
		if kw, name := defHeader(sp.src, sp.lines[m.head]); (kw == "def" || kw == "async def") && !wanted(name) {
			candidates[name] = true
		}
	}
	named := map[string]bool{}
	if len(candidates) == 0 {
		return named
	}
	for _, m := range members {
		if kw, name := defHeader(sp.src, sp.lines[m.head]); kw == "async def" && !isDunder(name) || kw == "def" && !wanted(name) {
			continue
		}
		eachWord(sp.src[sp.lines[m.first].start:sp.lines[m.last-1].end], func(w []byte) {
			if candidates[string(w)] {
				named[string(w)] = true
			}
		})
	}
	return named
}

// chunkWriter copies kept spans of a source and keeps only the newlines
// of the rest, so every kept line stays on its row.
type chunkWriter struct {
	src []byte
	out bytes.Buffer
	at  int // the source offset written up to
	// dropped lists the methods of a class left out whole.
	dropped []string
	// only, when set, writes a class's head and just these methods, as
	// the class's chunk would have written them (libgraft.go).
	only map[string]bool
}

func (w *chunkWriter) gap(to int) {
	if to <= w.at {
		return
	}
	for range bytes.Count(w.src[w.at:to], []byte("\n")) {
		w.out.WriteByte('\n')
	}
	w.at = to
}

func (w *chunkWriter) verbatim(from, to int) {
	w.gap(from)
	if from < w.at {
		from = w.at
	}
	w.out.Write(w.src[from:to])
	w.at = to
}

// skipLine moves past the current source line without writing it: its
// row was written already.
func (w *chunkWriter) skipLine() {
	if i := bytes.IndexByte(w.src[w.at:], '\n'); i >= 0 {
		w.at += i + 1
	} else {
		w.at = len(w.src)
	}
}
