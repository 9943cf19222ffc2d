package driver

import (
	"path/filepath"
	"slices"

	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/pyfront"
)

// startLibrary begins finding the project's environment
// (pyfront.StartLibrary), so that the interpreter answers while the run
// reads and parses the project; nil with `--python none`.
func startLibrary(cfg *config.Config, paths []string) *pyfront.Library {
	if cfg.Python == "none" {
		return nil
	}
	root := cfg.Root
	if root == "" && len(paths) > 0 {
		if abs, err := filepath.Abs(paths[0]); err == nil {
			root = abs
		}
	}
	return pyfront.StartLibrary(pyfront.EnvOptions{Python: cfg.Python, Root: root}, "")
}

// runEnv is a run's environment once the interpreter has answered.
type runEnv struct {
	// lib reads the installed packages (nil without an environment).
	lib *pyfront.Library
	// python is the interpreter; sites are its import directories.
	python string
	sites  []string
	// warning says why an interpreter the user named is not used.
	warning string
}

// environment waits for a started library. Only an interpreter the user
// named explicitly turns a failure into a warning: without one, the run
// knows only the project, as it always did.
func environment(lib *pyfront.Library, cfg *config.Config) runEnv {
	if lib == nil {
		return runEnv{}
	}
	env, err := lib.Environment()
	if err != nil {
		if cfg.Python != "" {
			return runEnv{warning: err.Error()}
		}
		return runEnv{}
	}
	return runEnv{lib: lib, python: env.Python, sites: slices.Clone(env.Sites)}
}

// library finds the project's environment (startLibrary, environment).
func library(cfg *config.Config, paths []string) runEnv {
	return environment(startLibrary(cfg, paths), cfg)
}
