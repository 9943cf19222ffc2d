package output

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// GitHub writes GitHub Actions workflow commands, one annotation per
// diagnostic: "::error file=…,line=…,col=…,endLine=…,endColumn=…,title=AL101::message".
// Info-level diagnostics become notices. Columns are byte columns, as in
// the text format.
func GitHub(w io.Writer, diags []asyncir.Diagnostic) error {
	for _, d := range diags {
		cmd := "notice"
		switch d.Severity {
		case asyncir.SeverityError:
			cmd = "error"
		case asyncir.SeverityWarning:
			cmd = "warning"
		}
		msg := d.Message
		if d.Runtime != "" {
			msg += " [runtime: " + d.Runtime + "]"
		}
		for _, r := range d.Related {
			msg += fmt.Sprintf("\n%s:%d:%d: %s", filepath.ToSlash(r.Range.File), r.Range.Start.Line, r.Range.Start.Col, r.Message)
		}
		if d.URL != "" {
			msg += "\nsee " + d.URL
		}
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			cmd, escapeProperty(filepath.ToSlash(d.Range.File)), d.Range.Start.Line, d.Range.Start.Col,
			d.Range.End.Line, d.Range.End.Col, escapeProperty(d.Code), escapeData(msg))
		if err != nil {
			return err
		}
	}
	return nil
}

// escapeData and escapeProperty follow @actions/core's command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
