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
// Info-level diagnostics become notices. Columns count UTF-16 code units,
// as GitHub's code scanning reads SARIF and its web views index lines
// (byte columns put annotations too far right on non-ASCII lines);
// source reads a file to convert them (nil: byte columns). A range over
// several lines carries no columns: GitHub rejects col and endColumn
// unless line and endLine are equal.
func GitHub(w io.Writer, diags []asyncir.Diagnostic, source func(string) ([]byte, error)) error {
	cols := newColumnConverter(source)
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
		place := fmt.Sprintf("file=%s,line=%d", escapeProperty(filepath.ToSlash(d.Range.File)), d.Range.Start.Line)
		if d.Range.End.Line == d.Range.Start.Line {
			place += fmt.Sprintf(",col=%d,endLine=%d,endColumn=%d", cols.utf16(d.Range.File, d.Range.Start), d.Range.End.Line, cols.utf16(d.Range.File, d.Range.End))
		} else {
			place += fmt.Sprintf(",endLine=%d", d.Range.End.Line)
		}
		_, err := fmt.Fprintf(w, "::%s %s,title=%s::%s\n", cmd, place, escapeProperty(d.Code), escapeData(msg))
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
