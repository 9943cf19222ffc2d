package output

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/srcpos"
)

// Tool describes the producer of a SARIF log.
type Tool struct {
	Name, Version, InformationURI string
	Analyzers                     []*asyncir.Analyzer
	// Source returns a file's content so columns can be converted to
	// UTF-16 code units (SARIF's default columnKind). When it fails the
	// byte columns are written unchanged, which is exact for ASCII lines.
	Source func(path string) ([]byte, error)
}

// SARIF writes one SARIF 2.1.0 log with a single run: every rule of every
// analyzer in tool.driver.rules and one result per diagnostic. Regions
// carry both line/column (UTF-16) and byte offsets; fixes use byte
// offsets only, which need no conversion.
func SARIF(w io.Writer, diags []asyncir.Diagnostic, tool Tool) error {
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	driver := sarif.NewVersionedDriver(tool.Name, tool.Version)
	driver.InformationURI = &tool.InformationURI
	run := sarif.NewRun(*sarif.NewTool(driver))
	run.WithColumnKind("utf16CodeUnits")
	ruleIndex := map[string]int{}
	for _, a := range tool.Analyzers {
		for _, r := range a.Rules {
			ruleIndex[r.Code] = len(run.Tool.Driver.Rules)
			run.AddRule(r.Code).
				WithName(r.Name).
				WithShortDescription(sarif.NewMultiformatMessageString(r.Summary)).
				WithFullDescription(sarif.NewMultiformatMessageString(fullDescription(r))).
				WithHelp(&sarif.MultiformatMessageString{Text: &r.Doc, Markdown: &r.Doc}).
				WithHelpURI(a.URL + "#" + strings.ToLower(r.Code)).
				WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(r.Severity))).
				WithProperties(sarif.Properties{"tags": []string{a.Name, string(r.Language)}})
		}
	}
	cols := newColumnConverter(tool.Source)
	for _, d := range diags {
		res := sarif.NewRuleResult(d.Code).
			WithLevel(level(d.Severity)).
			WithMessage(sarif.NewTextMessage(d.Message)).
			WithLocations([]*sarif.Location{location(d.Range, "", cols)})
		if i, ok := ruleIndex[d.Code]; ok {
			res.WithRuleIndex(i)
		}
		if d.Runtime != "" {
			// What asynclint trace saw: "confirmed" or "runtime-only".
			res.AttachPropertyBag(&sarif.PropertyBag{Properties: sarif.Properties{"runtime": d.Runtime}})
		}
		for _, r := range d.Related {
			res.AddRelatedLocation(location(r.Range, r.Message, cols))
		}
		for _, f := range d.Fixes {
			if len(f.Edits) == 0 {
				// A display-only fix without edits (advice, not a
				// change) has no artifactChanges, which SARIF requires.
				continue
			}
			res.AddFix(sarifFix(f))
		}
		run.AddResult(res)
	}
	rep.AddRun(run)
	return rep.PrettyWrite(w)
}

func level(s asyncir.Severity) string {
	switch s {
	case asyncir.SeverityError:
		return "error"
	case asyncir.SeverityWarning:
		return "warning"
	}
	return "note"
}

// fullDescription is the rule doc's "What it does" paragraph as plain text.
func fullDescription(r *asyncir.Rule) string {
	const head = "### What it does"
	i := strings.Index(r.Doc, head)
	if i < 0 {
		return r.Summary
	}
	body := r.Doc[i+len(head):]
	if j := strings.Index(body, "\n#"); j >= 0 {
		body = body[:j]
	}
	body = strings.Join(strings.Fields(body), " ")
	if body == "" {
		return r.Summary
	}
	return body
}

// artifactURI turns a path into a URI reference: relative paths stay
// relative (code-scanning platforms resolve them against the checkout),
// absolute ones become file URIs.
func artifactURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: strings.TrimPrefix(p, "./")}).String()
}

func location(r asyncir.Range, msg string, cols *columnConverter) *sarif.Location {
	region := sarif.NewRegion().
		WithStartLine(int(r.Start.Line)).
		WithStartColumn(cols.utf16(r.File, r.Start)).
		WithEndLine(int(r.End.Line)).
		WithEndColumn(cols.utf16(r.File, r.End)).
		WithByteOffset(int(r.Start.Offset)).
		WithByteLength(int(r.End.Offset - r.Start.Offset))
	loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(r.File))).
		WithRegion(region))
	if msg != "" {
		loc.WithMessage(sarif.NewTextMessage(msg))
	}
	return loc
}

func sarifFix(f asyncir.Fix) *sarif.Fix {
	fx := sarif.NewFix().WithDescriptionText(f.Title + " (" + f.Applicability.String() + ")")
	var changes []*sarif.ArtifactChange
	byFile := map[string]*sarif.ArtifactChange{}
	for _, e := range f.Edits {
		ch := byFile[e.Range.File]
		if ch == nil {
			ch = sarif.NewArtifactChange(sarif.NewSimpleArtifactLocation(artifactURI(e.Range.File)))
			byFile[e.Range.File] = ch
			changes = append(changes, ch)
		}
		region := sarif.NewRegion().WithByteOffset(int(e.Range.Start.Offset)).WithByteLength(int(e.Range.End.Offset - e.Range.Start.Offset))
		ch.WithReplacement(sarif.NewReplacement(region).WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	return fx.WithArtifactChanges(changes)
}

// columnConverter caches each file's content and line table.
type columnConverter struct {
	source func(string) ([]byte, error)
	files  map[string]*fileLines
}

type fileLines struct {
	src    []byte
	starts []int
}

func newColumnConverter(source func(string) ([]byte, error)) *columnConverter {
	return &columnConverter{source: source, files: map[string]*fileLines{}}
}

// utf16 returns p's 1-based column in UTF-16 code units.
func (c *columnConverter) utf16(path string, p asyncir.Pos) int {
	if c.source == nil || p.Col < 1 {
		return max(int(p.Col), 1)
	}
	f, ok := c.files[path]
	if !ok {
		if src, err := c.source(path); err == nil {
			f = &fileLines{src: src, starts: srcpos.LineStarts(src)}
		}
		c.files[path] = f
	}
	if f == nil {
		return int(p.Col)
	}
	return srcpos.UTF16Count(srcpos.Line(f.src, f.starts, int(p.Line)-1), int(p.Col)-1) + 1
}
