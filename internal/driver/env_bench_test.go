package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
)

// The cost of reading the project's environment: the same check of each
// project in ASYNCLINT_BENCH_PROJECTS (a list of directories) with the
// installed packages of ASYNCLINT_BENCH_PYTHON (default python3) and
// with none. bench/environment.sh runs the command line cold and warm.
func BenchmarkEnvironment(b *testing.B) {
	projects := strings.Fields(os.Getenv("ASYNCLINT_BENCH_PROJECTS"))
	if len(projects) == 0 {
		b.Skip("ASYNCLINT_BENCH_PROJECTS is not set")
	}
	python := os.Getenv("ASYNCLINT_BENCH_PYTHON")
	if python == "" {
		python = "python3"
	}
	for _, p := range projects {
		for _, env := range []string{"none", python} {
			name := filepath.Base(p) + "/python=" + filepath.Base(env)
			b.Run(name, func(b *testing.B) {
				benchRun(b, Options{Paths: []string{p}, Config: &config.Config{Python: env}})
			})
		}
	}
}
