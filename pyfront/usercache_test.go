package pyfront

import (
	"path/filepath"
	"testing"
)

func TestUserCacheDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	abs := t.TempDir()
	for _, c := range []struct{ xdg, want string }{
		{abs, filepath.Join(abs, "asynclint")},
		{"relative/cache", filepath.Join(home, ".cache", "asynclint")},
		{"", filepath.Join(home, ".cache", "asynclint")},
	} {
		t.Setenv("XDG_CACHE_HOME", c.xdg)
		if got := userCacheDir(); got != c.want {
			t.Errorf("XDG_CACHE_HOME=%q: %q, want %q", c.xdg, got, c.want)
		}
	}
}
