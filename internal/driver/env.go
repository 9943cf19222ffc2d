package driver

import (
	"path/filepath"

	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/pyfront"
)

// library finds the project's environment (pyfront.FindEnvironment) and
// returns what reads its installed packages, or nil. Only an interpreter
// the user named explicitly turns a failure into a warning: without one,
// the run knows only the project, as it always did.
func library(cfg *config.Config, paths []string) (*pyfront.Library, string, string) {
	if cfg.Python == "none" {
		return nil, "", ""
	}
	root := cfg.Root
	if root == "" && len(paths) > 0 {
		if abs, err := filepath.Abs(paths[0]); err == nil {
			root = abs
		}
	}
	env, err := pyfront.FindEnvironment(pyfront.EnvOptions{Python: cfg.Python, Root: root})
	if err != nil {
		if cfg.Python != "" {
			return nil, "", err.Error()
		}
		return nil, "", ""
	}
	return pyfront.NewLibrary(env, ""), env.Python, ""
}
