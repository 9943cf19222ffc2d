// Package output renders diagnostics in the formats of `asynclint check`.
package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/workers"
)

// textRelated is how many related locations text output prints before
// it summarises the rest: a root reached from a hundred coroutines shows
// the first few and their count.
const textRelated = 5

// Text writes "path:line:col: message (CODE)" with related locations
// indented beneath: the errorformat editors and CI parse. A finding
// `asynclint trace` saw at run time ends in "[runtime: confirmed]" or
// "[runtime: runtime-only]".
func Text(w io.Writer, diags []asyncir.Diagnostic) error {
	for _, d := range diags {
		runtime := ""
		if d.Runtime != "" {
			runtime = " [runtime: " + d.Runtime + "]"
		}
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s (%s)%s\n", d.Range.File, int(d.Range.Start.Line), int(d.Range.Start.Col), d.Message, d.Code, runtime); err != nil {
			return err
		}
		for i, r := range d.Related {
			if i == textRelated && len(d.Related) > textRelated+1 {
				if _, err := fmt.Fprintf(w, "    … and %d more (--format json lists every one)\n", len(d.Related)-i); err != nil {
					return err
				}
				break
			}
			if _, err := fmt.Fprintf(w, "    %s:%d:%d: %s\n", r.Range.File, int(r.Range.Start.Line), int(r.Range.Start.Col), r.Message); err != nil {
				return err
			}
		}
	}
	return nil
}

// JSON types: the documented schema of --format json.
type jsonReport struct {
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Path      string        `json:"path"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	Code      string        `json:"code"`
	Analyzer  string        `json:"analyzer"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	URL       string        `json:"url"`
	Related   []jsonRelated `json:"related"`
	Fixes     []jsonFix     `json:"fixes"`
	Runtime   string        `json:"runtime,omitempty"` // "confirmed" or "runtime-only" (asynclint trace)
}

type jsonRelated struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

type jsonFix struct {
	Title         string     `json:"title"`
	Applicability string     `json:"applicability"`
	Edits         []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
	NewText     string `json:"new_text"`
}

// JSON writes the diagnostics as one JSON document, the bytes a
// json.Encoder indenting by two spaces writes for the whole report. The
// findings are encoded one at a time, runs of them on every core: a
// generated module's 27k findings took most of a second as one value.
func JSON(w io.Writer, diags []asyncir.Diagnostic) error {
	if len(diags) == 0 {
		_, err := io.WriteString(w, "{\n  \"diagnostics\": []\n}\n")
		return err
	}
	const run = 512
	parts := make([]bytes.Buffer, (len(diags)+run-1)/run)
	errs := make([]error, len(parts))
	workers.Run(len(parts), 0, func(p int) {
		buf := &parts[p]
		enc := json.NewEncoder(buf)
		// An element of the top-level array: its lines are indented two
		// levels deep, its first line by the separator before it.
		enc.SetIndent("    ", "  ")
		for i := p * run; i < min(len(diags), (p+1)*run); i++ {
			if i > 0 {
				buf.WriteString(",\n    ")
			}
			if errs[p] = enc.Encode(jsonOf(diags[i])); errs[p] != nil {
				return
			}
			buf.Truncate(buf.Len() - 1) // Encode's newline
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "{\n  \"diagnostics\": [\n    "); err != nil {
		return err
	}
	for i := range parts {
		if _, err := parts[i].WriteTo(w); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n  ]\n}\n")
	return err
}

// jsonOf is d in the documented schema.
func jsonOf(d asyncir.Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{
		Path: filepath.ToSlash(d.Range.File), Line: int(d.Range.Start.Line), Column: int(d.Range.Start.Col),
		EndLine: int(d.Range.End.Line), EndColumn: int(d.Range.End.Col), Code: d.Code, Analyzer: d.Analyzer,
		Severity: d.Severity.String(), Message: d.Message, URL: d.URL,
		Related: []jsonRelated{}, Fixes: []jsonFix{}, Runtime: d.Runtime,
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{Path: filepath.ToSlash(r.Range.File), Line: int(r.Range.Start.Line), Column: int(r.Range.Start.Col),
			EndLine: int(r.Range.End.Line), EndColumn: int(r.Range.End.Col), Message: r.Message})
	}
	for _, f := range d.Fixes {
		jf := jsonFix{Title: f.Title, Applicability: f.Applicability.String(), Edits: []jsonEdit{}}
		for _, e := range f.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{Path: filepath.ToSlash(e.Range.File), Line: int(e.Range.Start.Line), Column: int(e.Range.Start.Col),
				EndLine: int(e.Range.End.Line), EndColumn: int(e.Range.End.Col), StartOffset: int(e.Range.Start.Offset), EndOffset: int(e.Range.End.Offset), NewText: e.NewText})
		}
		jd.Fixes = append(jd.Fixes, jf)
	}
	return jd
}
