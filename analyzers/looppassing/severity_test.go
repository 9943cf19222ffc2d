package looppassing_test

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
)

// TestVersionSeverity checks that the target version decides the
// severity of the version-dependent rules.
func TestVersionSeverity(t *testing.T) {
	for _, tc := range []struct {
		file   string
		code   string
		target asyncir.Version
		want   asyncir.Severity
	}{
		{"loop_argument.py", "AL301", 309, asyncir.SeverityWarning},
		{"loop_argument.py", "AL301", 310, asyncir.SeverityError},
		{"get_event_loop_no_loop.py", "AL303", 313, asyncir.SeverityWarning},
		{"get_event_loop_no_loop.py", "AL303", 314, asyncir.SeverityError},
		{"legacy_api.py", "AL306", 308, asyncir.SeverityInfo},
		{"legacy_api.py", "AL306", 311, asyncir.SeverityError},
	} {
		res, err := driver.Run(driver.Options{Paths: []string{"../../testdata/python/looppassing/" + tc.file}, Config: &config.Config{TargetVersion: tc.target}})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range res.Diagnostics {
			if d.Code != tc.code {
				continue
			}
			n++
			if d.Severity != tc.want {
				t.Errorf("%s %s at %s: severity %v, want %v (%s)", tc.file, tc.code, tc.target, d.Severity, tc.want, d.Message)
			}
		}
		if n == 0 {
			t.Errorf("%s: no %s reported at target %s", tc.file, tc.code, tc.target)
		}
	}
}
