package pyfront

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/asynclint/asynclint/asyncir"
)

var (
	noqaRE   = regexp.MustCompile(`(?i)#\s*noqa(?::\s*([A-Z0-9,\s]+))?`)
	ignoreRE = regexp.MustCompile(`#\s*asynclint:\s*ignore\[([A-Z0-9,\s]+)\]`)
	// directiveRE is anything that looks meant for asynclint.
	directiveRE = regexp.MustCompile(`(?i)#\s*asynclint\s*:`)
)

// suppressions reads "# noqa: AL101" and "# asynclint: ignore[AL101]"
// comments.
func suppressions(lw *lowerer) []asyncir.Suppression {
	var out []asyncir.Suppression
	t := lw.t
	for i := range t.nodes {
		if t.nodes[i].kind != kComment {
			continue
		}
		text := t.text(int32(i))
		rng := lw.rng(int32(i))
		if m := ignoreRE.FindStringSubmatch(text); m != nil {
			out = append(out, asyncir.Suppression{Line: rng.Start.Line, Codes: splitCodes(m[1]), Range: rng})
			continue
		}
		if directiveRE.MatchString(text) {
			out = append(out, asyncir.Suppression{Line: rng.Start.Line, Range: rng,
				Malformed: "expected `# asynclint: ignore[AL101] -- reason` (codes in brackets, upper case)"})
			continue
		}
		if m := noqaRE.FindStringSubmatch(text); m != nil {
			codes := splitCodes(m[1])
			out = append(out, asyncir.Suppression{Line: rng.Start.Line, Codes: codes, Range: rng, Bare: len(codes) == 0})
		}
	}
	return out
}

func splitCodes(s string) []string {
	var out []string
	// A comment of a CRLF file ends in "\r": any space separates.
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		out = append(out, strings.ToUpper(f))
	}
	return out
}
