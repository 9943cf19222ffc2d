// Package expect reads the expectations written in test cases: Python's
// trailing "# want: AL101 \"regexp\", AL102" comments and the
// "# static-only: <reason>" mark (DESIGN.md, "Expectations in test cases"),
// and Go's analysistest "// want" comments.
package expect

import (
	"bufio"
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// Want is one expected diagnostic.
type Want struct {
	Line    int
	Code    string
	Message *regexp.Regexp // nil: any message
	Matched bool
}

// Case is what one Python case file expects.
type Case struct {
	Path  string
	Wants []*Want
	// StaticOnly maps a code to the reviewed reason it cannot be confirmed
	// by the runtime ("# static-only: AL405 reason").
	StaticOnly map[string]string
}

var (
	wantRE   = regexp.MustCompile(`#\s*want:\s*(.*)$`)
	itemRE   = regexp.MustCompile(`^\s*(AL[0-9]{3})(?:\s+("(?:[^"\\]|\\.)*"))?\s*(?:,|$)`)
	staticRE = regexp.MustCompile(`#\s*static-only:\s*(AL[0-9]{3})\s+(\S.*)$`)
)

// ParsePython reads the expectations of a Python case. A "# want:" must be a
// comment, so the scan only looks after a '#' that is not inside a string
// literal on that line; triple-quoted strings are tracked across lines.
func ParsePython(path string, src []byte) (*Case, error) {
	c := &Case{Path: path, StaticOnly: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	inTriple := ""
	for line := 1; sc.Scan(); line++ {
		comment, next := commentOf(sc.Text(), inTriple)
		inTriple = next
		if comment == "" {
			continue
		}
		if m := staticRE.FindStringSubmatch(comment); m != nil {
			c.StaticOnly[m[1]] = strings.TrimSpace(m[2])
			continue
		}
		m := wantRE.FindStringSubmatch(comment)
		if m == nil {
			continue
		}
		rest := m[1]
		for strings.TrimSpace(rest) != "" {
			im := itemRE.FindStringSubmatchIndex(rest)
			if im == nil {
				return nil, fmt.Errorf("%s:%d: malformed want %q: expected AL### [\"regexp\"], ...", path, line, rest)
			}
			w := &Want{Line: line, Code: rest[im[2]:im[3]]}
			if im[4] >= 0 {
				// The quoted text is a raw regexp: only \" is unescaped,
				// so "\(" means a literal parenthesis as in Python's r"".
				s := strings.ReplaceAll(rest[im[4]+1:im[5]-1], `\"`, `"`)
				var err error
				if w.Message, err = regexp.Compile(s); err != nil {
					return nil, fmt.Errorf("%s:%d: bad regexp: %v", path, line, err)
				}
			}
			c.Wants = append(c.Wants, w)
			rest = rest[im[1]:]
		}
	}
	return c, sc.Err()
}

// commentOf returns the comment text of a line (from '#'), skipping string
// literals; inTriple is the triple quote open at the line's start.
func commentOf(line, inTriple string) (string, string) {
	i := 0
	if inTriple != "" {
		j := strings.Index(line, inTriple)
		if j < 0 {
			return "", inTriple
		}
		i = j + 3
		inTriple = ""
	}
	for i < len(line) {
		switch ch := line[i]; ch {
		case '#':
			return line[i:], ""
		case '"', '\'':
			q := string(ch)
			if strings.HasPrefix(line[i:], q+q+q) {
				j := strings.Index(line[i+3:], q+q+q)
				if j < 0 {
					return "", q + q + q
				}
				i += 3 + j + 3
				continue
			}
			i++
			for i < len(line) && line[i] != ch {
				if line[i] == '\\' {
					i++
				}
				i++
			}
			i++
		default:
			i++
		}
	}
	return "", ""
}

// Diag is the part of a diagnostic that matching needs.
type Diag struct {
	Line    int
	Code    string
	Message string
}

// Match pairs diagnostics with expectations and returns one
// "path:line: ..." problem per unexpected diagnostic and per unmatched
// expectation.
func (c *Case) Match(diags []Diag) []string {
	var problems []string
	for _, d := range diags {
		found := false
		for _, w := range c.Wants {
			if !w.Matched && w.Line == d.Line && w.Code == d.Code && (w.Message == nil || w.Message.MatchString(d.Message)) {
				w.Matched, found = true, true
				break
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("%s:%d: unexpected diagnostic %s: %s", c.Path, d.Line, d.Code, d.Message))
		}
	}
	for _, w := range c.Wants {
		if !w.Matched {
			msg := ""
			if w.Message != nil {
				msg = fmt.Sprintf(" matching %q", w.Message)
			}
			problems = append(problems, fmt.Sprintf("%s:%d: expected diagnostic %s%s was not reported", c.Path, w.Line, w.Code, msg))
		}
	}
	return problems
}

// ParseGo reads the expectations of one Go case file: analysistest's
// `// want "regexp"` comments (several quoted or back-quoted regexps may
// follow one want), and "// static-only: AL451 reason" marks. A want's Code
// is the AL code its regexp names, if any, else "".
func ParseGo(path string, src []byte) (*Case, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	c := &Case{Path: path, StaticOnly: map[string]string{}}
	for _, g := range f.Comments {
		for _, cm := range g.List {
			text := strings.TrimSpace(strings.TrimPrefix(cm.Text, "//"))
			line := fset.Position(cm.Pos()).Line
			if m := goStaticRE.FindStringSubmatch(text); m != nil {
				c.StaticOnly[m[1]] = strings.TrimSpace(m[2])
				continue
			}
			rest, ok := strings.CutPrefix(text, "want ")
			if !ok {
				continue
			}
			for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
				lit := goLitRE.FindString(rest)
				if lit == "" {
					return nil, fmt.Errorf("%s:%d: malformed want %q: expected quoted regexps", path, line, rest)
				}
				s, err := strconv.Unquote(lit)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad quoted regexp: %v", path, line, err)
				}
				re, err := regexp.Compile(s)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad regexp: %v", path, line, err)
				}
				c.Wants = append(c.Wants, &Want{Line: line, Code: codeRE.FindString(s), Message: re})
				rest = rest[len(lit):]
			}
		}
	}
	return c, nil
}

var (
	goStaticRE = regexp.MustCompile(`^static-only:\s*(AL[0-9]{3})\s+(\S.*)$`)
	goLitRE    = regexp.MustCompile("^(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)")
	codeRE     = regexp.MustCompile(`AL[0-9]{3}`)
)
