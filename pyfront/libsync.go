package pyfront

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// Synchronous packages. An installed package none of whose files
// mentions an async construct (mentionsAsync) defines no coroutine
// function, no class with async methods and nothing that returns an
// awaitable, so nothing the project takes from it can be awaited: it is
// not read at all (click, cryptography, pyasn1 and the like are large).
// The verdict costs one scan of the package, kept in the cache directory
// with what it was read from (libsyncstamp.go).

// asyncKeywords are the statements that make a package async when they
// are code: in a string or a comment they are text (rich prints
// "async def" when it inspects a coroutine function, pygments lexes it).
// The word "async" alone is too common in prose ("asynchronous").
var asyncKeywords = [][]byte{[]byte("async def"), []byte("await "), []byte("async with"), []byte("async for")}

// asyncNames are the names that make a package async wherever code or an
// annotation can spell them: in code and in strings ("Future[int]" is a
// forward reference), not in comments. Each must start a word:
// inspect.iscoroutinefunction names no coroutine.
var asyncNames = [][]byte{[]byte("Awaitable"), []byte("Coroutine"), []byte("coroutine"), []byte("Future"),
	[]byte("create_task"), []byte("ensure_future"), []byte("__aenter__"), []byte("__await__")}

// asyncMarkerParts are substrings of every async keyword and name: a text
// with none of them mentions no async construct, whatever its strings
// and comments are, and is not scanned (most of a synchronous package's
// files, read on a first run).
var asyncMarkerParts = [][]byte{[]byte("async"), []byte("await"), []byte("Await"), []byte("oroutine"), []byte("Future"),
	[]byte("create_task"), []byte("ensure_future"), []byte("__aenter__")}

// mentionsAsync reports whether a Python file's text mentions an async
// construct. A text that does not scan (an unterminated string) counts
// every byte as code.
func mentionsAsync(src []byte) bool {
	if !slices.ContainsFunc(asyncMarkerParts, func(m []byte) bool { return bytes.Contains(src, m) }) {
		return false
	}
	startsName := func(text []byte, i int, markers [][]byte) bool {
		if i > 0 && isIdentByte(text[i-1]) {
			return false
		}
		for _, m := range markers {
			if bytes.HasPrefix(text[i:], m) {
				return true
			}
		}
		return false
	}
	inText := func(text []byte, markers [][]byte) bool {
		for i := range text {
			if startsName(text, i, markers) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '#':
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(src)
			}
		case c == '\'' || c == '"':
			j, ok := skipString(src, i)
			if !ok {
				return inText(src, asyncKeywords) || inText(src, asyncNames)
			}
			if inText(src[i:j], asyncNames) {
				return true
			}
			i = j
		case isIdentByte(c):
			if startsName(src, i, asyncKeywords) || startsName(src, i, asyncNames) {
				return true
			}
			for i < len(src) && isIdentByte(src[i]) {
				i++
			}
		default:
			i++
		}
	}
	return false
}

// syncOnly reports whether the top-level package top, found in site
// directory i, is entirely synchronous: its own files mention no async
// construct, and neither do the installed packages its __init__ files
// import, which a package re-exports from (pytest is a facade of
// _pytest). What its other modules import is used, not re-exported: rich
// highlights with pygments, whose own Future class is no awaitable, yet
// nothing rich gives a project is pygments'.
func (lib *Library) syncOnly(i int, top string) bool {
	key := siteTop{i, top}
	lib.mu.Lock()
	v, ok := lib.syncTops[key]
	lib.mu.Unlock()
	if ok {
		return v // asked again for every dotted name under top
	}
	v = len(lib.moduleFiles(lib.env.Sites[i], top)) == 0 && // a single-file module is read as it is
		lib.syncWithin(i, top, map[string]bool{})
	lib.mu.Lock()
	lib.syncTops[key] = v
	lib.mu.Unlock()
	return v
}

// siteTop is a top-level name in the site directory of that index.
type siteTop struct {
	site int
	top  string
}

// moduleFiles are the files of top when it is a single-file module
// (top.py, top.pyi), or none.
func (lib *Library) moduleFiles(site, top string) []string {
	var out []string
	for _, suf := range []string{"", ".py", ".pyi"} {
		if lib.dirs.isFile(filepath.Join(site, top) + suf) {
			out = append(out, filepath.Join(site, top)+suf)
		}
	}
	return out
}

// syncWithin is syncOnly for a package or a single-file module, with the
// packages whose verdict waits on this one (visiting): a cycle of
// imports counts as async, whichever member is asked first.
func (lib *Library) syncWithin(i int, top string, visiting map[string]bool) bool {
	key := lib.env.Sites[i] + "\x00" + top
	lib.mu.Lock()
	v, ok := lib.sync[key]
	lib.mu.Unlock()
	if ok {
		return v
	}
	if visiting[key] {
		return false
	}
	visiting[key] = true
	defer delete(visiting, key)
	v, imports := lib.scanSync(lib.env.Sites[i], top)
	for _, t := range imports {
		if !v {
			break
		}
		if t == top || typingOnly[t] {
			continue // typing constructs are never read: nothing there is awaitable
		}
		for j := range lib.env.Sites {
			if lib.tops[j][t] && !lib.syncWithin(j, t, visiting) {
				v = false
				break
			}
		}
	}
	lib.mu.Lock()
	lib.sync[key] = v
	lib.mu.Unlock()
	return v
}

// scanSync reads the package or single-file module top of site
// directory site: whether its own files mention no async construct, and
// if so the top-level names its facade imports (a package's __init__
// files, a module's whole text).
func (lib *Library) scanSync(site, top string) (bool, []string) {
	dir := filepath.Join(site, top)
	files := lib.moduleFiles(site, top)
	if len(files) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return true, nil // no such package: nothing async in it
		}
	}
	entry := ""
	if lib.cacheDir != "" {
		h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s", dir, libCacheVersion)))
		entry = filepath.Join(lib.cacheDir, "pkg-"+hex.EncodeToString(h[:12]))
		if b, err := readLibCache(entry); err == nil {
			if v, ok := parseVerdict(b); ok {
				return v.sync, v.imports
			}
		}
	}
	v := verdict{sync: true}
	if len(files) > 0 {
		// A stub or a package of the same name added beside a
		// single-file module changes the site directory's time.
		if st, ok := stampOf(site, true); ok {
			v.stamps = append(v.stamps, st)
		}
	}
	imported := map[string]bool{}
	scan := func(p string, facade bool) bool {
		st, ok := stampOf(p, false) // before the read: a later change shows
		b, err := os.ReadFile(p)
		if err != nil || !ok {
			return true
		}
		if mentionsAsync(b) {
			// While this file is unchanged the package is async,
			// whatever else changes.
			v.sync, v.stamps = false, []fileStamp{st}
			return false
		}
		v.stamps = append(v.stamps, st)
		if facade {
			rel, _ := filepath.Rel(site, filepath.Dir(p))
			pkg := strings.Trim(strings.ReplaceAll(filepath.ToSlash(rel), "/", "."), ".")
			for _, m := range scanImports(b, pkg, true) {
				if first, _, _ := strings.Cut(m, "."); first != top && isIdentifier(first) {
					imported[first] = true
				}
			}
		}
		return true
	}
	for _, f := range files {
		if !scan(f, true) {
			break
		}
	}
	if len(files) == 0 {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !v.sync {
				return filepath.SkipAll
			}
			if d.IsDir() {
				if d.Name() == "__pycache__" {
					// Bytecode only; the interpreter writes it as
					// modules are imported, which must not date the
					// verdict.
					return filepath.SkipDir
				}
				// A file added or removed changes its directory's time.
				if st, ok := stampOf(p, true); ok {
					v.stamps = append(v.stamps, st)
				}
				return nil
			}
			if !strings.HasSuffix(p, ".py") && !strings.HasSuffix(p, ".pyi") {
				return nil
			}
			base := filepath.Base(p)
			if !scan(p, base == "__init__.py" || base == "__init__.pyi") {
				return filepath.SkipAll
			}
			return nil
		})
	}
	if v.sync {
		for t := range imported {
			v.imports = append(v.imports, t)
		}
		slices.Sort(v.imports)
	}
	if entry != "" && atomicfile.Write(entry, v.encode()) == nil {
		lib.wrote.Store(true)
	}
	return v.sync, v.imports
}
