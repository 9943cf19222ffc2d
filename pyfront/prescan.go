package pyfront

import (
	"bytes"
	"strings"
)

// asyncMarkers are the byte strings whose absence proves a file has no
// async construct and uses no asyncio API: "async" covers async def/for/with
// and asyncio, "await" covers await, "coroutine" covers the legacy
// @types.coroutine machinery; the thread-side markers follow.
var asyncMarkers = append([][]byte{[]byte("async"), []byte("await"), []byte("coroutine")}, threadSideMarkers...)

// threadSideMarkers mark the thread side of async code: context variables
// (lost across a thread hop) and thread pools (whose futures async code must
// not await). A module with one is lowered; bridgeNames (parse.go) then
// decides which of its names importers must mention to be lowered too.
var threadSideMarkers = [][]byte{[]byte("ContextVar("), []byte("concurrent.futures")}

// englishAsync are words that start with "async" but name no async
// construct: prose ("asynchronous") and the removed asyncore/asynchat
// modules. A file whose only "async" is one of them is skipped.
var englishAsync = [][]byte{[]byte("asynchron"), []byte("asyncore"), []byte("asynchat")}

// hasAsyncMarker reports whether src may contain an async construct.
func hasAsyncMarker(src []byte) bool {
	for _, m := range asyncMarkers {
		if string(m) == "async" {
			if containsAsyncWord(src) {
				return true
			}
			continue
		}
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// containsAsyncWord reports whether src holds "async" other than as the
// start of one of englishAsync.
func containsAsyncWord(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("async"))
		if i < 0 {
			return false
		}
		rest := src[i:]
		english := false
		for _, w := range englishAsync {
			if bytes.HasPrefix(rest, w) {
				english = true
				break
			}
		}
		if !english {
			return true
		}
		src = rest[len("async"):]
	}
}

// containsWord reports whether src mentions name as a whole identifier.
func containsWord(src []byte, name string) bool {
	for {
		i := bytes.Index(src, []byte(name))
		if i < 0 {
			return false
		}
		end := i + len(name)
		if (i == 0 || !isIdentByte(src[i-1])) && (end == len(src) || !isIdentByte(src[end])) {
			return true
		}
		src = src[i+1:]
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// scanImports lists, without parsing, the modules a file imports: the
// module part of every "import a.b" and "from a.b import c" line, with
// relative names resolved against pkg. Over-approximating is harmless (it
// only makes the file a candidate for lowering); docstrings that happen to
// start a line with "import" are counted too.
func scanImports(src []byte, pkg string, isInit bool) []string {
	var out []string
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimLeft(line, " \t")
		switch {
		case bytes.HasPrefix(line, []byte("import ")):
			for _, part := range strings.Split(string(line[7:]), ",") {
				name, _, _ := strings.Cut(strings.TrimSpace(part), " ")
				if name != "" {
					out = append(out, name)
				}
			}
		case bytes.HasPrefix(line, []byte("from ")):
			rest := strings.TrimSpace(string(line[5:]))
			mod, tail, _ := strings.Cut(rest, " ")
			abs := resolveRelative(mod, pkg)
			out = append(out, abs)
			// "from pkg import sub" may import a submodule.
			if _, names, ok := strings.Cut(tail, "import"); ok {
				for _, n := range strings.Split(names, ",") {
					n, _, _ = strings.Cut(strings.Trim(strings.TrimSpace(n), "()\\"), " ")
					if n != "" && n != "*" {
						out = append(out, joinDotted(abs, n))
					}
				}
			}
		}
	}
	return out
}

// resolveRelative turns ".x" / "..x" into an absolute dotted name given
// the importing module's package.
func resolveRelative(mod, pkg string) string {
	dots := 0
	for dots < len(mod) && mod[dots] == '.' {
		dots++
	}
	if dots == 0 {
		return mod
	}
	base := pkg
	for i := 1; i < dots && base != ""; i++ {
		if j := strings.LastIndexByte(base, '.'); j >= 0 {
			base = base[:j]
		} else {
			base = ""
		}
	}
	return joinDotted(base, mod[dots:])
}

func joinDotted(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}
