package asyncir

import (
	"cmp"
	"slices"
)

// Severity orders how serious a diagnostic is.
type Severity int

const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "info"
}

// ParseSeverity is the inverse of Severity.String.
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return SeverityError, true
	case "warning":
		return SeverityWarning, true
	case "info":
		return SeverityInfo, true
	}
	return 0, false
}

// Applicability says when a fix may be applied without review (ruff's terms).
type Applicability int

const (
	// DisplayOnly fixes are shown, never applied.
	DisplayOnly Applicability = iota
	// Unsafe fixes may change behaviour; applied with --unsafe-fixes.
	Unsafe
	// Safe fixes keep the program's meaning; applied with --fix.
	Safe
)

func (a Applicability) String() string {
	switch a {
	case Safe:
		return "safe"
	case Unsafe:
		return "unsafe"
	}
	return "display-only"
}

// Edit replaces the bytes [Range.Start.Offset, Range.End.Offset) of Range.File.
type Edit struct {
	Range   Range
	NewText string
}

// Fix is one alternative way to resolve a diagnostic.
type Fix struct {
	Title         string
	Applicability Applicability
	Edits         []Edit
}

// Related is a secondary location that explains a diagnostic.
type Related struct {
	Range   Range
	Message string
}

// Diagnostic is one finding.
type Diagnostic struct {
	Code     string
	Analyzer string
	Severity Severity
	Range    Range
	Message  string
	URL      string
	Related  []Related
	Fixes    []Fix
	// Tier is, for a blocking-call finding, what the call at the end of
	// the chain waits on; the policy layer sets the severity from it.
	Tier BlockTier
	// Fact tags a situation that changes how much the finding matters
	// (Fact* constants); the policy layer maps it to a severity.
	Fact string
	// Cause is the root of a finding reached through project calls;
	// nil for a finding at its own root.
	Cause *Cause
	// Runtime is what `asynclint trace` saw of the finding at run time:
	// RuntimeConfirmed, RuntimeOnly, or empty (not traced, or not seen).
	Runtime string
}

// Values of Diagnostic.Runtime.
const (
	// RuntimeConfirmed: a static finding whose site the runtime saw fail.
	RuntimeConfirmed = "confirmed"
	// RuntimeOnly: a runtime event at a site with no static finding.
	RuntimeOnly = "runtime-only"
)

// SortDiagnostics orders diagnostics by file, offset, code and message, the
// order every output format uses.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Range.File, b.Range.File),
			cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
			cmp.Compare(a.Range.Start.Col, b.Range.Start.Col),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// MapFiles returns d with every file name it holds (its range, related
// locations, fix edits and cause) rewritten by f, sharing nothing that
// was rewritten with d: how a run shows paths (relative to where it ran,
// or absolute for an editor) is chosen after the findings are made.
func (d Diagnostic) MapFiles(f func(string) string) Diagnostic {
	d.Range.File = f(d.Range.File)
	d.Related = slices.Clone(d.Related)
	for i := range d.Related {
		d.Related[i].Range.File = f(d.Related[i].Range.File)
	}
	d.Fixes = slices.Clone(d.Fixes)
	for i := range d.Fixes {
		d.Fixes[i].Edits = slices.Clone(d.Fixes[i].Edits)
		for j := range d.Fixes[i].Edits {
			d.Fixes[i].Edits[j].Range.File = f(d.Fixes[i].Edits[j].Range.File)
		}
	}
	if d.Cause != nil {
		c := *d.Cause
		c.Range.File = f(c.Range.File)
		if c.Site.IsValid() {
			c.Site.File = f(c.Site.File)
		}
		d.Cause = &c
	}
	return d
}
