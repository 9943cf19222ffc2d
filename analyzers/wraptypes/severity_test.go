package wraptypes_test

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/casetest"
)

// TestVersionSeverity checks that the target version decides the
// severity of the version-dependent rules.
func TestVersionSeverity(t *testing.T) {
	casetest.Severities(t, "../../testdata/python/wraptypes", []casetest.Severity{
		{File: "wait_coroutines.py", Code: "AL403", Target: 310, Want: asyncir.SeverityWarning},
		{File: "wait_coroutines.py", Code: "AL403", Target: 311, Want: asyncir.SeverityError},
	})
}
