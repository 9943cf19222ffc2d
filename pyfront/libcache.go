package pyfront

import (
	"path/filepath"
)

// The library cache directory keeps what is costly to learn again about
// the environment and cheap to check: which installed packages are
// entirely synchronous (libsync.go), the split of each installed file
// read (libindex.go) and the syntax trees of the library text parsed
// (libtrees.go). A library module is not cached as a whole: its text is
// split without a parse and only the definitions a project reaches are
// read and parsed (libsplit.go), or read back as trees, each
// definition's chunk with its tree (libchunks.go). Its size is bounded
// (libevict.go).

// libCacheVersion changes whenever what is cached does.
const libCacheVersion = "9"

// libCacheDir is where entries live ("" when there is no cache directory).
func libCacheDir(dir string) string {
	if dir == "-" {
		return ""
	}
	if dir == "" {
		if dir = userCacheDir(); dir == "" {
			return ""
		}
	}
	return filepath.Join(dir, "lib")
}
