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
		if sup, ok := suppressionOf(t.text(int32(i)), lw.rng(int32(i))); ok {
			out = append(out, sup)
		}
	}
	return out
}

// suppressionOf reads one comment, at rng.
func suppressionOf(text string, rng asyncir.Range) (asyncir.Suppression, bool) {
	if m := ignoreRE.FindStringSubmatch(text); m != nil {
		return asyncir.Suppression{Line: int(rng.Start.Line), Codes: splitCodes(m[1]), Range: rng}, true
	}
	if directiveRE.MatchString(text) {
		return asyncir.Suppression{Line: int(rng.Start.Line), Range: rng,
			Malformed: "expected `# asynclint: ignore[AL101] -- reason` (codes in brackets, upper case)"}, true
	}
	if m := noqaRE.FindStringSubmatch(text); m != nil {
		codes := splitCodes(m[1])
		return asyncir.Suppression{Line: int(rng.Start.Line), Codes: codes, Range: rng, Bare: len(codes) == 0}, true
	}
	return asyncir.Suppression{}, false
}

func splitCodes(s string) []string {
	var out []string
	// A comment of a CRLF file ends in "\r": any space separates.
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		out = append(out, strings.ToUpper(f))
	}
	return out
}
