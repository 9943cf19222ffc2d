package blockingcall_test

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/casetest"
)

// TestPrivateLoopSeverity checks the private-loop fact end to end: AL203
// on a loop its function made and runs on its own thread is info, on the
// program's main loop a warning.
func TestPrivateLoopSeverity(t *testing.T) {
	casetest.Severities(t, "../../testdata/python/blockingcall", []casetest.Severity{
		{File: "private_loop.py", Code: "AL203", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityInfo},
		{File: "main_loop.py", Code: "AL203", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityWarning},
		{File: "callbacks.py", Code: "AL203", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityWarning},
	})
}
