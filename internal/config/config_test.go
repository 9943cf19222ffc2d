package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPythonSetting(t *testing.T) {
	for src, want := range map[string]string{
		"[tool.asynclint]\npython = \".venv/bin/python\"\n": "DIR/.venv/bin/python",
		"[tool.asynclint]\npython = \"python3.12\"\n":       "python3.12",
		"[tool.asynclint]\npython = \"none\"\n":             "none",
		"[tool.asynclint]\nselect = [\"AL1\"]\n":            "",
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, "pyproject.toml")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if want == "DIR/.venv/bin/python" {
			want = filepath.Join(dir, ".venv/bin/python")
		}
		if cfg.Python != want {
			t.Errorf("%q: python %q, want %q", src, cfg.Python, want)
		}
	}
}

func TestCacheDirSetting(t *testing.T) {
	for src, want := range map[string]string{
		"[tool.asynclint]\ncache-dir = \"build/lint-cache\"\n": "DIR/build/lint-cache",
		"[tool.asynclint]\ncache-dir = \"/var/cache/al\"\n":    "/var/cache/al",
		"[tool.asynclint]\nselect = [\"AL1\"]\n":               "",
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, "pyproject.toml")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if want == "DIR/build/lint-cache" {
			want = filepath.Join(dir, "build/lint-cache")
		}
		if cfg.CacheDir != want {
			t.Errorf("%q: cache-dir %q, want %q", src, cfg.CacheDir, want)
		}
	}
	p := filepath.Join(t.TempDir(), "pyproject.toml")
	os.WriteFile(p, []byte("[tool.asynclint]\ncache-dir = 3\n"), 0o644)
	if _, err := Load(p); err == nil || err.Error() != p+":2: cache-dir must be a string" {
		t.Errorf("cache-dir = 3: error %v", err)
	}
}
