package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

func load(t *testing.T, body string) (*Config, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pyproject.toml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(p)
}

func TestPolicySettings(t *testing.T) {
	cfg, err := load(t, "[tool.asynclint]\nblocking-tiers = { metadata = \"warning\", waiting = \"error\" }\nmin-severity = \"info\"\ntest-files = [\"spec/**\"]\nexample-files = [\"demo\"]\nall-sites = true\n")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BlockingTiers[asyncir.TierMetadata] != asyncir.SeverityWarning || cfg.BlockingTiers[asyncir.TierWaiting] != asyncir.SeverityError || len(cfg.BlockingTiers) != 2 {
		t.Errorf("blocking-tiers = %v", cfg.BlockingTiers)
	}
	if cfg.ShownSeverity() != asyncir.SeverityInfo || !cfg.AllSites {
		t.Errorf("min-severity %v, all-sites %v", cfg.ShownSeverity(), cfg.AllSites)
	}
	if !cfg.IsTestFile(filepath.Join(cfg.Root, "spec/a.py")) || cfg.IsTestFile(filepath.Join(cfg.Root, "tests/test_a.py")) {
		t.Errorf("test-files = [spec/**] should cover spec/a.py only")
	}
	if !cfg.IsExampleFile(filepath.Join(cfg.Root, "demo/pub/main.go")) || cfg.IsExampleFile(filepath.Join(cfg.Root, "examples/main.go")) {
		t.Errorf("example-files = [demo] should cover demo/pub/main.go only")
	}
	off, err := load(t, "[tool.asynclint]\ntest-files = []\nexample-files = []\n")
	if err != nil {
		t.Fatal(err)
	}
	if off.IsTestFile(filepath.Join(off.Root, "tests/test_a.py")) {
		t.Errorf("test-files = [] should turn the test profile off")
	}
	if off.IsExampleFile(filepath.Join(off.Root, "examples/main.go")) {
		t.Errorf("example-files = [] should turn the example profile off")
	}
	if def := (&Config{}); def.ShownSeverity() != asyncir.SeverityWarning {
		t.Errorf("default min-severity %v, want warning", def.ShownSeverity())
	}
}

func TestDefaultTestFiles(t *testing.T) {
	c := &Config{Root: "/p"}
	for path, want := range map[string]bool{
		"/p/tests/unit/helpers.py": true, "/p/pkg/tests/x.py": true, "/p/test_a.py": true,
		"/p/pkg/a_test.py": true, "/p/conftest.py": true, "/p/pkg/a_test.go": true, "/p/pkg/a.go": false, "/p/pkg/app.py": false, "/p/testing.py": false,
		"/p/test/support.py": true, "/p/pkg/testing/fixtures.py": true, "/p/pkg/contest/a.py": false, "/p/latest/a.py": false,
	} {
		if got := c.IsTestFile(path); got != want {
			t.Errorf("IsTestFile(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestDefaultExampleFiles(t *testing.T) {
	c := &Config{Root: "/p"}
	for path, want := range map[string]bool{
		"/p/examples/jetstream/js-consume/main.go": true, "/p/_examples/x.go": true, "/p/example/main.go": true,
		"/p/samples/timer/timer.go": true, "/p/pkg/samples.go": false,
		"/p/pkg/example_test.go": false, "/p/pkg/examples.go": false, "/p/cmd/tool/main.go": false,
	} {
		if got := c.IsExampleFile(path); got != want {
			t.Errorf("IsExampleFile(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestPolicySettingErrors(t *testing.T) {
	for body, want := range map[string]string{
		"[tool.asynclint]\n\nblocking-tiers = { disk = \"info\" }\n":      `:3: blocking-tiers: unknown tier "disk"`,
		"[tool.asynclint]\nblocking-tiers = { data = \"loud\" }\n":        `:2: blocking-tiers: data = "loud" is not a severity`,
		"[tool.asynclint]\nselect = [\"AL1\"]\nmin-severity = \"hint\"\n": `:3: min-severity "hint" is not a severity`,
		"[tool.asynclint]\ntest-files = [\"[\"]\n":                        `:2: bad pattern "[" in test-files`,
		"[tool.asynclint]\n\nexample-files = [\"[\"]\n":                   `:3: bad pattern "[" in example-files`,
	} {
		_, err := load(t, body)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
}
