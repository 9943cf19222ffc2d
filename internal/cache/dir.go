package cache

import (
	"os"
	"path/filepath"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// DirName is the cache directory's name inside a project, as ruff's
// .ruff_cache.
const DirName = ".asynclint_cache"

// DefaultDir is where a project's cache lives unless --cache-dir or
// cache-dir say otherwise: $ASYNCLINT_CACHE_DIR when set (ruff's
// RUFF_CACHE_DIR), else .asynclint_cache in the project root (the
// directory of the configuration file, or the working directory without
// one). The findings belong to the project, so they live beside it (CI
// caches one directory, deleting it resets one project); the user-level
// $XDG_CACHE_HOME/asynclint holds what projects share, what was read of
// installed library files (pyfront/libcache.go).
func DefaultDir(root string) string {
	if d := os.Getenv("ASYNCLINT_CACHE_DIR"); d != "" {
		return d
	}
	if root == "" {
		root = "."
	}
	return filepath.Join(root, DirName)
}

// writeTag marks dir as a cache, once: CACHEDIR.TAG for backup tools and
// a .gitignore that ignores everything, as ruff writes.
func writeTag(dir string) error {
	tag := filepath.Join(dir, "CACHEDIR.TAG")
	if _, err := os.Stat(tag); err == nil {
		return nil
	}
	if err := atomicfile.Write(filepath.Join(dir, ".gitignore"), []byte("# Automatically created by asynclint.\n*\n")); err != nil {
		return err
	}
	return atomicfile.Write(tag, []byte("Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by asynclint.\n"))
}

// ProjectDir is the cache directory of the project in root: configured
// (cache-dir, already absolute) when set, else DefaultDir(root).
func ProjectDir(configured, root string) string {
	if configured != "" {
		return configured
	}
	return DefaultDir(root)
}
