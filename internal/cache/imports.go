package cache

import (
	"bytes"
	"strings"
)

// ImportNames lists the dotted names a Python source may import, leading
// dots of relative imports dropped: from "import a.b as c" a.b, from
// "from .x import y, z" x, x.y and x.z, from "from . import (m,\n n)" m
// and n. It over-approximates the frontend on purpose: statements joined
// by ";", continued by "\" or inside parentheses, and indented imports
// (under if, try, def) all count, and so does an import inside a string.
// Graph matches the names against every module name a file could have,
// so a relative name needs no package.
func ImportNames(src []byte) []string {
	var out []string
	for _, stmt := range statements(src) {
		switch {
		case strings.HasPrefix(stmt, "import "):
			for _, part := range strings.Split(stmt[len("import "):], ",") {
				if name := firstWord(part); name != "" {
					out = append(out, name)
				}
			}
		case strings.HasPrefix(stmt, "from "):
			mod, names, ok := strings.Cut(stmt[len("from "):], " import ")
			mod = strings.TrimLeft(mod, ".")
			if mod != "" {
				out = append(out, mod)
			}
			if !ok {
				continue
			}
			for _, part := range strings.Split(names, ",") {
				n := firstWord(part)
				if n == "" || n == "*" {
					continue
				}
				if mod != "" {
					n = mod + "." + n
				}
				out = append(out, n)
			}
		}
	}
	return out
}

// statements are the import statements of src, normalised (parentheses
// as blanks, single spaces), found twice: per physical line split at
// semicolons, and per logical line — joined inside parentheses and after
// a backslash, comments dropped — for imports over several lines.
// Strings are not tracked, which is why both are kept: a "(" or "#" in a
// string can spoil the logical lines but not the physical ones.
func statements(src []byte) []string {
	var out []string
	for _, line := range bytes.Split(src, []byte{'\n'}) {
		for _, part := range bytes.Split(line, []byte{';'}) {
			out = append(out, string(part))
		}
	}
	var cur strings.Builder
	depth := 0
	flush := func() {
		out = append(out, cur.String())
		cur.Reset()
		depth = 0
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			cur.WriteByte(' ')
			i++
		case c == '(':
			depth++
			cur.WriteByte(c)
		case c == ')':
			if depth > 0 {
				depth--
			}
			cur.WriteByte(c)
		case c == '\n' && depth > 0:
			cur.WriteByte(' ')
		case c == '\n' || c == ';':
			flush()
		case c == '#':
			// A comment runs to the end of the line.
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				i = len(src)
			} else {
				i += j - 1
			}
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return keepImports(out)
}

// keepImports keeps the statements that start with import or from,
// normalised.
func keepImports(stmts []string) []string {
	var out []string
	for _, s := range stmts {
		s = strings.Join(strings.Fields(parens.Replace(s)), " ")
		if strings.HasPrefix(s, "import ") || strings.HasPrefix(s, "from ") {
			out = append(out, s)
		}
	}
	return out
}

var parens = strings.NewReplacer("(", " ", ")", " ", "\\", " ")

// firstWord is the first blank-separated word of s ("a.b" of " a.b as c").
func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
