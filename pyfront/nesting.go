package pyfront

import "github.com/asynclint/asynclint/asyncir"

// CPython's tokenizer limits (Parser/tokenizer.h): MAXINDENT levels of
// indentation, MAXLEVEL nested brackets.
const (
	maxIndent = 100
	maxLevel  = 200
)

// nestingError returns the first place src exceeds CPython's nesting
// limits ("too many levels of indentation", "too many nested
// parentheses"), which tree-sitter either accepts or fails on wholesale
// (an ERROR over the whole module, reported at 1:1). It is a light
// tokenizer: strings, comments, continuations and brackets are skipped
// as CPython skips them when it counts indentation.
func nestingError(src []byte) (asyncir.Pos, bool) {
	line, lineStart := 1, 0
	pos := func(off int) asyncir.Pos { return asyncir.MakePos(line, off-lineStart+1, off) }
	indents := []int{0}
	depth := 0
	bol := true
	for i := 0; i < len(src); i++ {
		if bol && depth == 0 {
			bol = false
			col, j := 0, i
			for ; j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f'); j++ {
				if src[j] == '\t' {
					col = (col/8 + 1) * 8
				} else if src[j] == ' ' {
					col++
				}
			}
			if j < len(src) && src[j] != '\n' && src[j] != '\r' && src[j] != '#' {
				if col > indents[len(indents)-1] {
					indents = append(indents, col)
					if len(indents)-1 >= maxIndent {
						return pos(j), true
					}
				}
				for len(indents) > 1 && col < indents[len(indents)-1] {
					indents = indents[:len(indents)-1]
				}
			}
			i = j
			if i >= len(src) {
				break
			}
		}
		switch c := src[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
			bol = true
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
				line, lineStart = line+1, i+1 // a continuation: not a new logical line
			}
		case '(', '[', '{':
			if depth >= maxLevel {
				return pos(i), true
			}
			depth++
		case ')', ']', '}':
			depth = max(depth-1, 0)
		case '\'', '"':
			triple := i+2 < len(src) && src[i+1] == c && src[i+2] == c
			if triple {
				i += 2
			}
			for i++; i < len(src); i++ {
				switch {
				case src[i] == '\\':
					if i+1 < len(src) && src[i+1] == '\n' {
						line, lineStart = line+1, i+2
					}
					i++
				case src[i] == '\n':
					line, lineStart = line+1, i+1
					if !triple {
						bol = depth == 0
						goto next
					}
				case src[i] == c && (!triple || i+2 < len(src) && src[i+1] == c && src[i+2] == c):
					if triple {
						i += 2
					}
					goto next
				}
			}
		}
	next:
	}
	return asyncir.Pos{}, false
}
