package looppassing_test

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/casetest"
)

// TestVersionSeverity checks that the target version decides the
// severity of the version-dependent rules.
func TestVersionSeverity(t *testing.T) {
	casetest.Severities(t, "../../testdata/python/looppassing", []casetest.Severity{
		{File: "loop_argument.py", Code: "AL301", Target: 309, Want: asyncir.SeverityWarning},
		{File: "loop_argument.py", Code: "AL301", Target: 310, Want: asyncir.SeverityError},
		{File: "get_event_loop_no_loop.py", Code: "AL303", Target: 313, Want: asyncir.SeverityWarning},
		{File: "get_event_loop_no_loop.py", Code: "AL303", Target: 314, Want: asyncir.SeverityError},
		{File: "legacy_api.py", Code: "AL306", Target: 308, Want: asyncir.SeverityInfo},
		{File: "legacy_api.py", Code: "AL306", Target: 311, Want: asyncir.SeverityError},
	})
}
