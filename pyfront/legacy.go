package pyfront

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// leadingZeros is a decimal integer with leading zeros (Python 2's octal
// 0777) or Python 2's long suffix (10L).
var leadingZeros = regexp.MustCompile(`^(0+[0-9_]*[1-9][0-9_]*|[0-9_]+)[lL]?$`)

// legacySyntax lists what tree-sitter's grammar accepts but Python 3
// rejects: Python 2's print and exec statements, backquotes, "<>",
// "except E, e:", "raise E, msg", 0777 and 10L literals, ur"" strings,
// and await or async used as a name.
func legacySyntax(lw *lowerer) []asyncir.Range {
	t := lw.t
	var out []asyncir.Range
	for i := range t.nodes {
		n := int32(i)
		nd := &t.nodes[n]
		bad := false
		switch nd.kind {
		case kPrintStatement, kExecStatement:
			bad = true
		case kIdentifier:
			s := t.src[nd.start:nd.end] // no string: this runs on every name
			bad = string(s) == "await" || string(s) == "async"
		case kInteger:
			s := t.src[nd.start:nd.end]
			if len(s) > 1 && (s[0] == '0' || s[len(s)-1] == 'l' || s[len(s)-1] == 'L') {
				bad = leadingZeros.Match(s) && (s[0] == '0' && strings.Trim(string(s), "0_lL") != "" || s[len(s)-1]|0x20 == 'l')
			}
		case kString:
			s := t.src[nd.start:min(nd.end, nd.start+4)]
			q := bytes.IndexAny(s, "'\"`")
			bad = q >= 0 && (s[q] == '`' || q > 1 && bytes.ContainsAny(s[:q], "uU"))
		case kComparison:
			bad = hasToken(t, n, "<>")
		case kExcept:
			bad = hasToken(t, n, ",")
		case kRaise:
			for c := nd.first; c >= 0; c = t.nodes[c].next {
				bad = bad || t.kind(c) == kExpressionList
			}
		}
		if bad {
			out = append(out, lw.rng(n))
		}
	}
	return out
}

// hasToken reports whether n has an anonymous child token with text tok.
func hasToken(t *tree, n int32, tok string) bool {
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		if !t.nodes[c].named && t.text(c) == tok {
			return true
		}
	}
	return false
}
