package fix

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/pyfront"
)

// NoqaResult is what AddNoqa would write.
type NoqaResult struct {
	Changes []Change
	// Added counts the codes added, one per finding line and code.
	Added int
	// Warnings name the files left alone because the comments could not
	// be added safely.
	Warnings []string
}

// AddNoqa adds a suppression for every diagnostic on its line (ruff's
// --add-noqa): Python lines get "# noqa: AL101", merged into a "# noqa:"
// or "# asynclint: ignore[…]" comment already there; Go lines get
// "//asynclint:ignore AL151", merged the same way. A file whose new text
// does not parse as well as the old, or does not read back a suppression
// of every code on every line (the line ended inside a string), is left
// alone with a warning. AL002 is skipped: the fix for an unused
// suppression is to delete it.
func AddNoqa(diags []asyncir.Diagnostic, prog *asyncir.Program, read func(string) ([]byte, error)) (*NoqaResult, error) {
	want := map[string]map[int][]string{}
	for _, d := range diags {
		if d.Code == "AL002" {
			continue
		}
		lines := want[d.Range.File]
		if lines == nil {
			lines = map[int][]string{}
			want[d.Range.File] = lines
		}
		if !slices.Contains(lines[int(d.Range.Start.Line)], d.Code) {
			lines[int(d.Range.Start.Line)] = append(lines[int(d.Range.Start.Line)], d.Code)
		}
	}
	sups := map[string][]asyncir.Suppression{}
	if prog != nil {
		for _, m := range prog.Modules {
			sups[m.Path] = m.Suppressions
		}
	}
	files := make([]string, 0, len(want))
	for f := range want {
		files = append(files, f)
	}
	slices.Sort(files)
	res := &NoqaResult{}
	for _, path := range files {
		src, err := read(path)
		if err != nil {
			return nil, err
		}
		var fixed []byte
		var n int
		switch filepath.Ext(path) {
		case ".py", ".pyi":
			fixed, n = noqaPython(src, want[path], sups[path])
		case ".go":
			fixed, n = noqaGo(src, want[path])
		default:
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: cannot add suppressions to this kind of file", path))
			continue
		}
		if n == 0 {
			continue
		}
		if !readsBack(path, src, fixed, want[path]) {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: left unchanged: a suppression comment cannot be added safely on every line (a line ends inside a string or a comment)", path))
			continue
		}
		res.Changes = append(res.Changes, Change{Path: path, Original: src, Fixed: fixed})
		res.Added += n
	}
	return res, nil
}

var (
	noqaCodesRE   = regexp.MustCompile(`(?i)#\s*noqa:\s*[A-Z]+[0-9]+(\s*,\s*[A-Z]+[0-9]+)*`)
	ignoreCodesRE = regexp.MustCompile(`#\s*asynclint:\s*ignore\[[^\]]*`)
)

// noqaPython returns src with the codes of each line suppressed, and how
// many codes it added.
func noqaPython(src []byte, lines map[int][]string, sups []asyncir.Suppression) ([]byte, int) {
	return editLines(src, lines, func(no int, line []byte, codes []string) []byte {
		for _, s := range sups {
			if s.Line != no || int(s.Range.Start.Line) != no || s.Bare {
				continue
			}
			codes = missing(codes, s.Codes)
		}
		if len(codes) == 0 {
			return nil
		}
		list := strings.Join(codes, ", ")
		for _, s := range sups {
			if s.Line != no || int(s.Range.Start.Line) != no || s.Bare {
				continue
			}
			start := int(s.Range.Start.Col) - 1
			if start < 0 || start > len(line) {
				continue
			}
			comment := line[start:]
			for _, re := range []*regexp.Regexp{ignoreCodesRE, noqaCodesRE} {
				if loc := re.FindIndex(comment); loc != nil {
					at := start + loc[1]
					return slices.Concat(line[:at], []byte(", "+list), line[at:])
				}
			}
		}
		text := "  # noqa: " + list
		if bareNoqa(sups, no) {
			// A bare noqa silences other linters entirely; keep it so.
			text = "  # asynclint: ignore[" + list + "]"
		}
		return slices.Concat(line, []byte(text))
	})
}

func bareNoqa(sups []asyncir.Suppression, line int) bool {
	for _, s := range sups {
		if s.Line == line && s.Bare {
			return true
		}
	}
	return false
}

var goIgnoreRE = regexp.MustCompile(`//asynclint:ignore [A-Z0-9,]+`)

// noqaGo is noqaPython for Go: "//asynclint:ignore AL151" at the end of
// the line, or the codes added to the directive already there.
func noqaGo(src []byte, lines map[int][]string) ([]byte, int) {
	return editLines(src, lines, func(no int, line []byte, codes []string) []byte {
		if loc := goIgnoreRE.FindIndex(line); loc != nil {
			have := strings.Split(string(line[loc[0]+len("//asynclint:ignore "):loc[1]]), ",")
			if codes = missing(codes, have); len(codes) == 0 {
				return nil
			}
			return slices.Concat(line[:loc[1]], []byte(","+strings.Join(codes, ",")), line[loc[1]:])
		}
		return slices.Concat(line, []byte(" //asynclint:ignore "+strings.Join(codes, ",")))
	})
}

// missing is the codes not already in have.
func missing(codes, have []string) []string {
	var out []string
	for _, c := range codes {
		if !slices.Contains(have, c) {
			out = append(out, c)
		}
	}
	return out
}

// editLines rewrites each line of src that has codes with edit (nil: no
// change), keeping its line ending, and counts the codes added.
func editLines(src []byte, lines map[int][]string, edit func(no int, line []byte, codes []string) []byte) ([]byte, int) {
	var out bytes.Buffer
	added := 0
	for no, rest := 1, src; len(rest) > 0; no++ {
		line, eol := rest, []byte(nil)
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, eol, rest = rest[:i], rest[i:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		if cr := bytes.HasSuffix(line, []byte("\r")); cr {
			line, eol = line[:len(line)-1], append([]byte("\r"), eol...)
		}
		if codes := lines[no]; len(codes) > 0 {
			if edited := edit(no, line, codes); edited != nil {
				added += countAdded(line, edited)
				line = edited
			}
		}
		out.Write(line)
		out.Write(eol)
	}
	return out.Bytes(), added
}

// countAdded counts the codes an edit added to a line.
func countAdded(before, after []byte) int {
	return len(codeRE.FindAll(after, -1)) - len(codeRE.FindAll(before, -1))
}

var codeRE = regexp.MustCompile(`\bAL[0-9]{3}\b`)

// readsBack reports whether fixed parses no worse than src and suppresses
// every code on its line.
func readsBack(path string, src, fixed []byte, lines map[int][]string) bool {
	if syntaxErrors(path, fixed) > syntaxErrors(path, src) {
		return false
	}
	got := map[int][]string{}
	switch filepath.Ext(path) {
	case ".go":
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, fixed, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil && f == nil {
			return false
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if rest, ok := strings.CutPrefix(c.Text, "//asynclint:ignore "); ok {
					codes, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
					l := fset.Position(c.Pos()).Line
					got[l] = append(got[l], strings.Split(codes, ",")...)
				}
			}
		}
	default:
		loaded := pyfront.Load([]pyfront.File{{Path: path, Content: fixed}}, asyncir.PythonModels(), pyfront.Options{Eager: true, Workers: 1})
		for _, m := range loaded.Program.Modules {
			for _, s := range m.Suppressions {
				got[s.Line] = append(got[s.Line], s.Codes...)
			}
		}
	}
	for no, codes := range lines {
		if len(missing(codes, got[no])) > 0 {
			return false
		}
	}
	return true
}
