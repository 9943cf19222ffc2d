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

// TestFutureInCoroutineSeverity: asyncio.Future() inside a coroutine
// binds to the running loop, in a helper to its caller's, and with loop=
// to the loop given, so AL405 there is info; in a constructor it stays a
// warning, and so does asyncio.Task(...).
func TestFutureInCoroutineSeverity(t *testing.T) {
	casetest.Severities(t, "../../testdata/python/wraptypes", []casetest.Severity{
		{File: "direct_future_in_coroutine.py", Code: "AL405", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityInfo},
		{File: "direct_future_in_helper.py", Code: "AL405", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityInfo},
		{File: "direct_future_in_constructor.py", Code: "AL405", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityWarning},
		{File: "direct_task.py", Code: "AL405", Target: asyncir.DefaultTargetVersion, Want: asyncir.SeverityWarning},
	})
}
