package pyfront

import (
	"os"
	"path/filepath"
)

// userCacheDir is asynclint's directory under the user's cache directory,
// or "" when there is none. A relative XDG_CACHE_HOME is ignored, as the
// XDG spec asks (os.UserCacheDir refuses it outright, which would leave a
// run with no cache at all): the default ~/.cache is used instead.
func userCacheDir() string {
	if x := os.Getenv("XDG_CACHE_HOME"); x != "" && !filepath.IsAbs(x) {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		return filepath.Join(home, ".cache", "asynclint")
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "asynclint")
}
