// Package ruledocs renders docs/rules.md from the analyzers' doc.go texts.
package ruledocs

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// Markdown is the whole rules reference.
func Markdown(analyzers []*asyncir.Analyzer) string {
	var b strings.Builder
	b.WriteString("<!-- Generated from the analyzers' doc.go by internal/ruledocs; do not edit.\n     Regenerate: go test ./internal/ruledocs -update -->\n\n")
	b.WriteString("# asynclint rules\n\n")
	b.WriteString("| code | name | family | language | severity | fix | summary |\n|---|---|---|---|---|---|---|\n")
	for _, a := range analyzers {
		for _, r := range a.Rules {
			fix := "—"
			if r.Fix != nil {
				fix = r.Fix.String()
			}
			fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s | %s | %s |\n", r.Code, strings.ToLower(r.Code+"-"+r.Name), r.Name, a.Name, r.Language, r.Severity, fix, r.Summary)
		}
	}
	for _, a := range analyzers {
		fd, err := asyncir.ParseDoc(a.Doc)
		if err != nil {
			continue
		}
		fmt.Fprintf(&b, "\n## Family %s\n\n%s.\n", a.Name, upperFirst(fd.Summary))
		if fd.Overview != "" {
			fmt.Fprintf(&b, "\n%s\n", fd.Overview)
		}
		for _, r := range a.Rules {
			// Rule sections are "## AL101: name" in doc.go; one level down here.
			fmt.Fprintf(&b, "\n%s", demote(r.Doc))
		}
	}
	return b.String()
}

func demote(doc string) string {
	var out []string
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "#") {
			l = "#" + l
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
