package fix

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"path/filepath"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/pyfront"
)

// syntaxErrors counts the syntax errors of a file's content with the
// frontend's own parser (Python) or go/parser (Go); other files count
// none.
func syntaxErrors(path string, src []byte) int {
	switch filepath.Ext(path) {
	case ".py", ".pyi":
		res := pyfront.Load([]pyfront.File{{Path: path, Content: src}}, asyncir.PythonModels(), pyfront.Options{Eager: true, Workers: 1})
		if len(res.Warnings) > 0 {
			return 1
		}
		n := 0
		for _, m := range res.Program.Modules {
			n += len(m.SyntaxErrors)
		}
		return n
	case ".go":
		_, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
		if el, ok := err.(scanner.ErrorList); ok {
			return len(el)
		}
		if err != nil {
			return 1
		}
	}
	return 0
}
