package asyncir

import (
	"fmt"
	"strings"
)

// FamilyDoc is an analyzer's doc.go text split into its parts. The format
// follows x/tools' extractdoc: "# Analyzer <name>", a one-line summary, then
// one "## AL101: name" section per rule.
type FamilyDoc struct {
	Name     string
	Summary  string
	Overview string
	Rules    map[string]string // code → section text, heading included
}

// ParseDoc splits a family doc.
func ParseDoc(doc string) (*FamilyDoc, error) {
	lines := strings.Split(strings.TrimSpace(doc), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "# Analyzer ") {
		return nil, fmt.Errorf("doc must start with \"# Analyzer <name>\"")
	}
	fd := &FamilyDoc{Name: strings.TrimPrefix(lines[0], "# Analyzer "), Rules: map[string]string{}}
	fd.Summary = strings.TrimSpace(lines[2])
	if fd.Summary == "" || len(fd.Summary) > 60 || strings.ToLower(fd.Summary[:1]) != fd.Summary[:1] || strings.HasSuffix(fd.Summary, ".") {
		return nil, fmt.Errorf("summary %q must be one lower-case line of at most 60 characters", fd.Summary)
	}
	var code string
	var buf, overview []string
	flush := func() {
		if code != "" {
			fd.Rules[code] = strings.TrimSpace(strings.Join(buf, "\n")) + "\n"
		}
	}
	for _, l := range lines[3:] {
		if strings.HasPrefix(l, "## AL") {
			flush()
			code, _, _ = strings.Cut(strings.TrimPrefix(l, "## "), ":")
			buf = []string{l}
			continue
		}
		if code == "" {
			overview = append(overview, l)
		} else {
			buf = append(buf, l)
		}
	}
	flush()
	fd.Overview = strings.TrimSpace(strings.Join(overview, "\n"))
	return fd, nil
}

// AttachDocs fills each rule's Doc from the analyzer's doc text. Analyzers
// call it when they are built; a rule without a section fails Validate.
func AttachDocs(doc string, rules []*Rule) []*Rule {
	fd, err := ParseDoc(doc)
	if err != nil {
		return rules
	}
	for _, r := range rules {
		r.Doc = fd.Rules[r.Code]
	}
	return rules
}
