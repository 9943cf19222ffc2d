package fix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/pyfront"
)

// noqaRun writes src to a file, reports codes at the given lines and
// returns what AddNoqa makes of it.
func noqaRun(t *testing.T, name, src string, at map[int][]string) (*NoqaResult, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var diags []asyncir.Diagnostic
	for line, codes := range at {
		for _, c := range codes {
			diags = append(diags, asyncir.Diagnostic{Code: c, Range: asyncir.Range{File: path, Start: asyncir.MakePos(line, 1, 0)}})
		}
	}
	var prog *asyncir.Program
	if strings.HasSuffix(name, ".py") {
		prog = pyfront.Load([]pyfront.File{{Path: path}}, asyncir.PythonModels(), pyfront.Options{Eager: true, Workers: 1}).Program
	}
	res, err := AddNoqa(diags, prog, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) == 0 {
		return res, src
	}
	return res, string(res.Changes[0].Fixed)
}

func TestAddNoqaPython(t *testing.T) {
	src := "import time\r\n" +
		"time.sleep(1)\r\n" +
		"time.sleep(2)  # noqa: E501\r\n" +
		"time.sleep(3)  # asynclint: ignore[AL101] -- reason\r\n" +
		"time.sleep(4)  # noqa\r\n" +
		"time.sleep(5)  # type: ignore\r\n" +
		"time.sleep(6)  # noqa: AL201\r\n"
	res, got := noqaRun(t, "a.py", src, map[int][]string{
		2: {"AL201", "AL102"}, 3: {"AL201"}, 4: {"AL201"}, 5: {"AL201"}, 6: {"AL201"}, 7: {"AL202", "AL002"},
	})
	want := "import time\r\n" +
		"time.sleep(1)  # noqa: AL201, AL102\r\n" +
		"time.sleep(2)  # noqa: E501, AL201\r\n" +
		"time.sleep(3)  # asynclint: ignore[AL101, AL201] -- reason\r\n" +
		"time.sleep(4)  # noqa  # asynclint: ignore[AL201]\r\n" +
		"time.sleep(5)  # type: ignore  # noqa: AL201\r\n" +
		"time.sleep(6)  # noqa: AL201, AL202\r\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if res.Added != 7 || len(res.Warnings) != 0 {
		t.Errorf("added %d, warnings %v; want 7 and none (AL002 is never suppressed)", res.Added, res.Warnings)
	}
}

func TestAddNoqaRefusesUnsafeLines(t *testing.T) {
	// Line 2 ends inside a string: a comment there would become text.
	src := "import time\nx = time.sleep(1) or \"\"\"\nnot code\n\"\"\"\ntime.sleep(2)\n"
	res, got := noqaRun(t, "b.py", src, map[int][]string{2: {"AL201"}, 5: {"AL201"}})
	if got != src || res.Added != 0 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "left unchanged") {
		t.Errorf("file changed or no warning: added %d, warnings %v\n%s", res.Added, res.Warnings, got)
	}
}

func TestAddNoqaGo(t *testing.T) {
	src := "package p\n\nimport \"time\"\n\nfunc f() {\n\ttime.Sleep(1)\n\ttime.Sleep(2) //asynclint:ignore AL151 known\n}\n"
	res, got := noqaRun(t, "p.go", src, map[int][]string{6: {"AL251"}, 7: {"AL251"}})
	want := "package p\n\nimport \"time\"\n\nfunc f() {\n\ttime.Sleep(1) //asynclint:ignore AL251\n\ttime.Sleep(2) //asynclint:ignore AL151,AL251 known\n}\n"
	if got != want || res.Added != 2 {
		t.Errorf("added %d, got:\n%s\nwant:\n%s", res.Added, got, want)
	}
	raw := "package p\n\nvar s = `a\nb`\n"
	if res, got := noqaRun(t, "q.go", raw, map[int][]string{3: {"AL251"}}); got != raw || len(res.Warnings) != 1 {
		t.Errorf("a line inside a raw string was edited: %q, %v", got, res.Warnings)
	}
}
