package policy

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
)

const (
	info    = asyncir.SeverityInfo
	warning = asyncir.SeverityWarning
	errSev  = asyncir.SeverityError
)

func diag(code, file string, reported asyncir.Severity, tier asyncir.BlockTier, fact string) asyncir.Diagnostic {
	return asyncir.Diagnostic{Code: code, Severity: reported, Tier: tier, Fact: fact,
		Range: asyncir.Range{File: file, Start: asyncir.Pos{Line: 1, Col: 1}}}
}

func TestSeverities(t *testing.T) {
	root := t.TempDir()
	app, test := root+"/pkg/app.py", root+"/tests/helpers.py"
	for _, tc := range []struct {
		name string
		cfg  *config.Config
		d    asyncir.Diagnostic
		want asyncir.Severity
	}{
		{"waiting is a warning", nil, diag("AL201", app, warning, asyncir.TierWaiting, ""), warning},
		{"file data is a warning outside tests", nil, diag("AL202", app, warning, asyncir.TierData, ""), warning},
		{"metadata is info", nil, diag("AL202", app, warning, asyncir.TierMetadata, ""), info},
		{"file data is info in tests", nil, diag("AL201", test, warning, asyncir.TierData, ""), info},
		{"waiting stays a warning in tests", nil, diag("AL203", test, warning, asyncir.TierWaiting, ""), warning},
		{"AL204 keeps its error whatever it waits on", nil, diag("AL204", app, errSev, asyncir.TierWaiting, ""), errSev},
		{"a version-dependent severity is kept", nil, diag("AL301", app, errSev, asyncir.TierNone, ""), errSev},
		{"AL102 is a warning outside tests", nil, diag("AL102", app, warning, asyncir.TierNone, ""), warning},
		{"AL102 is info in tests", nil, diag("AL102", test, warning, asyncir.TierNone, ""), info},
		{"AL303 is info in tests, even as an error", nil, diag("AL303", root+"/test_x.py", errSev, asyncir.TierNone, ""), info},
		{"AL404 is info in conftest.py", nil, diag("AL404", root+"/conftest.py", errSev, asyncir.TierNone, ""), info},
		{"AL405 is info in *_test.py", nil, diag("AL405", root+"/x_test.py", warning, asyncir.TierNone, ""), info},
		{"AL101 is not softened in tests", nil, diag("AL101", test, errSev, asyncir.TierNone, ""), errSev},
		{"future in a coroutine is info", nil, diag("AL405", app, warning, asyncir.TierNone, asyncir.FactFutureInCoroutine), info},
		{"a private loop's callback is info", nil, diag("AL203", app, warning, asyncir.TierWaiting, asyncir.FactPrivateLoop), info},
		{"a leak after a test failure is info", nil, diag("AL151", app, warning, asyncir.TierNone, asyncir.FactAfterTestFailure), info},
		{"a skipped delivery is a warning outside tests", nil, diag("AL152", root+"/pkg/conn.go", warning, asyncir.TierNone, asyncir.FactSkippedDelivery), warning},
		{"a skipped delivery is info in a Go test", nil, diag("AL152", root+"/pkg/conn_test.go", warning, asyncir.TierNone, asyncir.FactSkippedDelivery), info},
		{"an uncancellable sleep is a warning outside tests", nil, diag("AL251", root+"/pkg/conn.go", warning, asyncir.TierNone, ""), warning},
		{"an uncancellable sleep is info in a Go test", nil, diag("AL251", root+"/pkg/conn_test.go", warning, asyncir.TierNone, ""), info},
		{"a detached context is info in a Go test", nil, diag("AL351", root+"/pkg/conn_test.go", warning, asyncir.TierNone, ""), info},
		{"a Cond.Wait outside a loop is info in a Go test", nil, diag("AL157", root+"/pkg/cond_test.go", warning, asyncir.TierNone, ""), info},
		{"a Cond.Wait outside a loop is a warning outside tests", nil, diag("AL157", root+"/pkg/cond.go", warning, asyncir.TierNone, ""), warning},
		{"unwaited work is info in a Go test", nil, diag("AL154", root+"/pkg/stream_test.go", warning, asyncir.TierNone, ""), info},
		{"unwaited work is a warning outside tests", nil, diag("AL154", root+"/pkg/pgconn.go", warning, asyncir.TierNone, ""), warning},
		{"an uncancellable sleep is info in an example program", nil, diag("AL251", root+"/examples/pub/main.go", warning, asyncir.TierNone, ""), info},
		{"a detached context is info in an example program", nil, diag("AL351", root+"/_examples/x/main.go", warning, asyncir.TierNone, ""), info},
		{"a goroutine ignoring the context is info in an example program", nil, diag("AL352", root+"/example/main.go", warning, asyncir.TierNone, ""), info},
		{"a goroutine ignoring the context is a warning outside examples", nil, diag("AL352", root+"/cmd/tool/main.go", warning, asyncir.TierNone, ""), warning},
		{"a double lock stays a warning in an example program", nil, diag("AL155", root+"/examples/pub/main.go", warning, asyncir.TierNone, ""), warning},
		{"the example profile turned off", &config.Config{Root: root, ExampleFiles: []string{}}, diag("AL251", root+"/examples/pub/main.go", warning, asyncir.TierNone, ""), warning},
		{"configured example files", &config.Config{Root: root, ExampleFiles: []string{"demo/**"}}, diag("AL251", root+"/demo/main.go", warning, asyncir.TierNone, ""), info},
		{"a tier moved up", &config.Config{Root: root, BlockingTiers: map[asyncir.BlockTier]asyncir.Severity{asyncir.TierMetadata: warning}},
			diag("AL202", app, warning, asyncir.TierMetadata, ""), warning},
		{"a tier moved down", &config.Config{Root: root, BlockingTiers: map[asyncir.BlockTier]asyncir.Severity{asyncir.TierWaiting: info}},
			diag("AL201", app, warning, asyncir.TierWaiting, ""), info},
		{"the test profile turned off", &config.Config{Root: root, TestFiles: []string{}}, diag("AL102", test, warning, asyncir.TierNone, ""), warning},
		{"configured test files", &config.Config{Root: root, TestFiles: []string{"pkg/**"}}, diag("AL102", app, warning, asyncir.TierNone, ""), info},
		{"configured test files replace the defaults", &config.Config{Root: root, TestFiles: []string{"pkg/**"}}, diag("AL102", test, warning, asyncir.TierNone, ""), warning},
	} {
		cfg := tc.cfg
		if cfg == nil {
			cfg = &config.Config{Root: root}
		}
		ds := []asyncir.Diagnostic{tc.d}
		New(cfg).Severities(ds)
		if ds[0].Severity != tc.want {
			t.Errorf("%s: %s in %s: got %v, want %v", tc.name, tc.d.Code, tc.d.Range.File, ds[0].Severity, tc.want)
		}
	}
}
