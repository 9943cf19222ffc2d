package gofront

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
)

const ignoreDirective = "//asynclint:ignore "

// suppressions reads "//asynclint:ignore AL151[,AL152] reason" comments.
// A comment that ends a line of code applies to that line; one alone on
// its line applies to the next.
func suppressions(pass *analysis.Pass) []asyncir.Suppression {
	var out []asyncir.Suppression
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		var src []byte
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, ignoreDirective)
				if !ok {
					continue
				}
				codesText, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
				pos := pass.Fset.PositionFor(c.Pos(), false)
				line := pos.Line
				if src == nil {
					src, _ = pass.ReadFile(tf.Name())
				}
				if alone(src, pos.Offset) {
					line++
				}
				end := pass.Fset.PositionFor(c.End(), false)
				out = append(out, asyncir.Suppression{
					Line:  line,
					Codes: strings.Split(codesText, ","),
					Range: asyncir.Range{File: pos.Filename,
						Start: asyncir.MakePos(pos.Line, pos.Column, pos.Offset),
						End:   asyncir.MakePos(end.Line, end.Column, end.Offset)},
				})
			}
		}
	}
	return out
}

// alone reports whether only blanks precede offset on its line.
func alone(src []byte, offset int) bool {
	if offset > len(src) {
		return false
	}
	for i := offset - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}

// suppressed reports whether d is silenced by one of sups.
func suppressed(d asyncir.Diagnostic, sups []asyncir.Suppression) bool {
	for _, s := range sups {
		if s.Range.File != d.Range.File || s.Line != int(d.Range.Start.Line) {
			continue
		}
		for _, c := range s.Codes {
			if c == d.Code {
				return true
			}
		}
	}
	return false
}
