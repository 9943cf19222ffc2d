package asyncir

import (
	"fmt"
	"regexp"
	"strings"
)

// Status is a rule's place in its life cycle (ruff's rule selection).
type Status string

const (
	StatusPreview    Status = "preview"
	StatusStable     Status = "stable"
	StatusDeprecated Status = "deprecated"
	StatusRemoved    Status = "removed"
)

// Language names a frontend.
type Language string

const (
	Python Language = "python"
	Go     Language = "go"
)

// Rule is the metadata of one stable diagnostic code.
type Rule struct {
	Code     string   // AL101
	Name     string   // kebab-case, reads as "allow <name>"
	Summary  string   // one line, lower case
	Severity Severity // default
	Status   Status
	Since    string
	Language Language
	// Fix is the best applicability of the fixes this rule offers; nil
	// when the rule offers none.
	Fix *Applicability
	// Doc is the rule's section of its analyzer's doc.go, filled by
	// ParseDoc.
	Doc string
}

// FixAvailable is a helper for Rule.Fix literals.
func FixAvailable(a Applicability) *Applicability { return &a }

var codeRE = regexp.MustCompile(`^AL[0-9]{3}$`)
var nameRE = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*$`)

// ValidateRule checks a rule's metadata.
func ValidateRule(r *Rule) error {
	switch {
	case !codeRE.MatchString(r.Code):
		return fmt.Errorf("rule code %q is not AL + three digits", r.Code)
	case !nameRE.MatchString(r.Name):
		return fmt.Errorf("%s: name %q is not kebab-case", r.Code, r.Name)
	case r.Summary == "" || strings.HasSuffix(r.Summary, "."):
		return fmt.Errorf("%s: summary must be non-empty with no trailing period", r.Code)
	case r.Language != Python && r.Language != Go:
		return fmt.Errorf("%s: unknown language %q", r.Code, r.Language)
	case strings.TrimSpace(r.Doc) == "":
		return fmt.Errorf("%s: rule has no documentation section", r.Code)
	}
	python := r.Code[3] < '5'
	if python != (r.Language == Python) {
		return fmt.Errorf("%s: Python rules use x01–x49, Go rules x51–x99", r.Code)
	}
	return nil
}
