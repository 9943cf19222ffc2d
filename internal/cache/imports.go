package cache

import (
	"bytes"
	"strings"
)

// ImportNames lists the dotted names a Python source may import, leading
// dots of relative imports dropped: from "import a.b as c" a.b, from
// "from .x import y, z" x, x.y and x.z, from "from . import (m,\n n)" m
// and n. It over-approximates the frontend on purpose: an import after
// ";" or ":" on a line, one continued by "\" or inside parentheses, an
// indented one (under if, try, def) and one inside a string all count.
// Graph matches the names against every module name a file could have,
// so a relative name needs no package.
func ImportNames(src []byte) []string {
	var out []string
	lines := bytes.Split(src, []byte{'\n'})
	for i, line := range lines {
		if !bytes.Contains(line, []byte("import")) {
			continue
		}
		stmt := line
		for j := i + 1; j < len(lines) && j-i <= maxJoined && continued(stmt); j++ {
			next := lines[j]
			if k := bytes.IndexByte(next, '#'); k >= 0 {
				next = next[:k]
			}
			stmt = append(append(append([]byte(nil), stmt...), ' '), next...)
		}
		out = appendNames(out, bytes.FieldsFunc(stmt, separator))
	}
	return out
}

// maxJoined bounds how many lines one import statement may continue over.
const maxJoined = 500

// continued reports whether a statement goes on on the next line: an
// unclosed parenthesis or a final backslash. A parenthesis in a string
// or comment can only make it join more lines, which adds names.
func continued(stmt []byte) bool {
	if bytes.Count(stmt, []byte("(")) > bytes.Count(stmt, []byte(")")) {
		return true
	}
	t := bytes.TrimRight(stmt, " \t\r")
	return len(t) > 0 && t[len(t)-1] == '\\'
}

func separator(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\f', '\v', ',', '(', ')', ';', ':', '\\':
		return true
	}
	return false
}

// appendNames finds "import NAMES" and "from MODULE import NAMES" among
// the words of a statement.
func appendNames(out []string, words [][]byte) []string {
	for i, w := range words {
		if string(w) != "import" {
			continue
		}
		mod, from := "", false
		if i >= 2 && string(words[i-2]) == "from" {
			mod, from = strings.TrimLeft(string(words[i-1]), "."), true
			if mod != "" {
				out = append(out, mod)
			}
		}
		for k := i + 1; k < len(words); k++ {
			name := string(words[k])
			if name == "as" {
				k++ // the bound name
				continue
			}
			if name == "*" || !dotted(name) {
				break
			}
			if from && mod != "" {
				name = mod + "." + name
			}
			out = append(out, name)
		}
	}
	return out
}

// dotted reports whether s can be a dotted name.
func dotted(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			return false
		}
	}
	return true
}
