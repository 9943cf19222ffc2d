package pyfront

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestWriteBackInRunsAsWhole links programs with each module written back
// as one job and with every top-level definition a job of its own (the
// runs a large module is split into), and compares the linked IR: the
// types a job's fresh memo gives are those one memo over the module
// gives. Programs: each family of the Python cases, and the standard
// library's asyncio package.
func TestWriteBackInRunsAsWhole(t *testing.T) {
	defer func(n int) { writeBackRun = n }(writeBackRun)
	dirs, _ := filepath.Glob("../testdata/python/*")
	if out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output(); err == nil {
		dirs = append(dirs, filepath.Join(strings.TrimSpace(string(out)), "asyncio"))
	}
	programs := 0
	for _, dir := range dirs {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.py"))
		var files []File
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				files = append(files, File{Path: p, Content: src})
			}
		}
		if len(files) == 0 {
			continue
		}
		programs++
		writeBackRun = 1 << 30
		whole := dumpLoad(Load(files, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}))
		writeBackRun = 1
		runs := dumpLoad(Load(files, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}))
		sameDump(t, dir+": written back in runs", whole, runs)
	}
	if programs < 5 {
		t.Errorf("only %d programs linked", programs)
	}
}
