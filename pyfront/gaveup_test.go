package pyfront

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// A parse that does not finish within its time limit says nothing of the
// file: the file gets a transient warning (not cached), not a syntax
// error at 1:1 that a busy machine would make up.
func TestParseGaveUpIsNoSyntaxError(t *testing.T) {
	var b strings.Builder
	b.WriteString("import asyncio\n\n\n")
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&b, "async def f%d(x):\n    await asyncio.sleep(x + %d)\n    return [x * %d for x in range(%d)]\n\n\n", i, i, i, i)
	}
	src := []byte(b.String())
	res := Load([]File{{Path: "big.py", Content: src}}, asyncir.PythonModels(), Options{Timeout: time.Microsecond})
	if len(res.Warnings) != 1 || !res.Warnings[0].Transient || !strings.Contains(res.Warnings[0].Message, "did not finish") {
		t.Fatalf("warnings %+v, want one transient parse warning", res.Warnings)
	}
	for _, m := range res.Program.Modules {
		if len(m.SyntaxErrors) > 0 {
			t.Errorf("%s: syntax errors %v from a parse that gave up", m.Path, m.SyntaxErrors)
		}
	}
	// With time to finish, the same file parses and has no warning.
	res = Load([]File{{Path: "big.py", Content: src}}, asyncir.PythonModels(), Options{})
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %+v with the default limit", res.Warnings)
	}
}
