package fix

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

func ins(file string, off int, text string) asyncir.Edit {
	p := asyncir.MakePos(1, off+1, off)
	return asyncir.Edit{Range: asyncir.Range{File: file, Start: p, End: p}, NewText: text}
}

func repl(file string, s, e int, text string) asyncir.Edit {
	return asyncir.Edit{Range: asyncir.Range{File: file, Start: asyncir.MakePos(1, s+1, s), End: asyncir.MakePos(1, e+1, e)}, NewText: text}
}

func diag(code string, a asyncir.Applicability, edits ...asyncir.Edit) asyncir.Diagnostic {
	r := asyncir.Range{File: "m.py"}
	if len(edits) > 0 {
		r = edits[0].Range
	}
	return asyncir.Diagnostic{Code: code, Range: r, Message: code + " at " + r.String(),
		Fixes: []asyncir.Fix{{Title: "fix " + code, Applicability: a, Edits: edits}}}
}

// fakeRun runs Run over in-memory files with a check that reports the
// diagnostics produced by next for the current content.
func fakeRun(t *testing.T, files map[string]string, min asyncir.Applicability, next func(map[string][]byte) []asyncir.Diagnostic) *Result {
	t.Helper()
	read := func(p string) ([]byte, error) {
		s, ok := files[p]
		if !ok {
			return nil, os.ErrNotExist
		}
		return []byte(s), nil
	}
	cur := map[string][]byte{}
	for p, s := range files {
		cur[p] = []byte(s)
	}
	res, err := Run(next(cur), Options{Min: min, Read: read, Check: func(o map[string][]byte) ([]asyncir.Diagnostic, error) {
		return next(o), nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// wordFixes reports one diagnostic per "x" in m.py, fixed by replacing it
// with "yy": the stand-in for an analyzer that finds what remains.
func wordFixes(a asyncir.Applicability) func(map[string][]byte) []asyncir.Diagnostic {
	return func(o map[string][]byte) []asyncir.Diagnostic {
		var ds []asyncir.Diagnostic
		for i, b := range o["m.py"] {
			if b == 'x' {
				ds = append(ds, diag("AL900", a, repl("m.py", i, i+1, "yy")))
			}
		}
		return ds
	}
}

func TestApplicability(t *testing.T) {
	for _, c := range []struct {
		fixA, min asyncir.Applicability
		want      string
	}{
		{asyncir.Safe, asyncir.Safe, "a = yy + yy\n"},
		{asyncir.Unsafe, asyncir.Safe, "a = x + x\n"},
		{asyncir.Unsafe, asyncir.Unsafe, "a = yy + yy\n"},
		{asyncir.DisplayOnly, asyncir.Unsafe, "a = x + x\n"},
		{asyncir.DisplayOnly, asyncir.DisplayOnly, "a = x + x\n"},
	} {
		res := fakeRun(t, map[string]string{"m.py": "a = x + x\n"}, c.min, wordFixes(c.fixA))
		got := "a = x + x\n"
		if len(res.Changes) == 1 {
			got = string(res.Changes[0].Fixed)
		}
		if got != c.want {
			t.Errorf("fix %v, min %v: got %q, want %q", c.fixA, c.min, got, c.want)
		}
	}
}

func TestOverlapResolvedOverIterations(t *testing.T) {
	// AL901 replaces "ab", AL902 the character before "c" and the "c":
	// their ranges overlap, so the first by position wins and AL902,
	// reported again by the next check on the new text, applies then.
	next := func(o map[string][]byte) []asyncir.Diagnostic {
		src := string(o["m.py"])
		var ds []asyncir.Diagnostic
		if i := strings.Index(src, "ab"); i >= 0 {
			ds = append(ds, diag("AL901", asyncir.Safe, repl("m.py", i, i+2, "X")))
		}
		if i := strings.Index(src, "c"); i >= 1 {
			ds = append(ds, diag("AL902", asyncir.Safe, repl("m.py", i-1, i+1, "Y")))
		}
		return ds
	}
	res := fakeRun(t, map[string]string{"m.py": "abcd\n"}, asyncir.Safe, next)
	if len(res.Changes) != 1 || string(res.Changes[0].Fixed) != "Yd\n" {
		t.Fatalf("changes = %+v", res.Changes)
	}
	if res.Applied != 2 || len(res.Diagnostics) != 0 {
		t.Errorf("applied %d fixes, %d diagnostics remain; want 2 and 0", res.Applied, len(res.Diagnostics))
	}
}

func TestSameOffsetInsertionsConflict(t *testing.T) {
	a, b := ins("m.py", 3, "A"), ins("m.py", 3, "B")
	if !conflicts(a, b) {
		t.Error("two insertions at one offset do not conflict")
	}
	if conflicts(repl("m.py", 0, 2, ""), ins("m.py", 2, "x")) {
		t.Error("an insertion right after a replacement conflicts")
	}
	if !conflicts(repl("m.py", 0, 3, ""), repl("m.py", 2, 4, "")) {
		t.Error("overlapping replacements do not conflict")
	}
	var acc accepts
	if added, _ := acc.add(&asyncir.Fix{Edits: []asyncir.Edit{a}}); !added {
		t.Fatal("first fix not added")
	}
	if added, dup := acc.add(&asyncir.Fix{Edits: []asyncir.Edit{a}}); added || !dup {
		t.Errorf("identical fix: added %v duplicate %v, want a duplicate", added, dup)
	}
	if added, dup := acc.add(&asyncir.Fix{Edits: []asyncir.Edit{b}}); added || dup {
		t.Errorf("conflicting fix: added %v duplicate %v", added, dup)
	}
}

func TestFixBreakingSyntaxIsDropped(t *testing.T) {
	src := "async def f():\n    g()\n    h()\n"
	next := func(o map[string][]byte) []asyncir.Diagnostic {
		s := string(o["m.py"])
		var ds []asyncir.Diagnostic
		if i := strings.Index(s, "    g()"); i >= 0 {
			ds = append(ds, diag("AL901", asyncir.Safe, ins("m.py", i+4, "await (")))
		}
		if i := strings.Index(s, "    h()"); i >= 0 {
			ds = append(ds, diag("AL902", asyncir.Safe, ins("m.py", i+4, "await ")))
		}
		return ds
	}
	res := fakeRun(t, map[string]string{"m.py": src}, asyncir.Safe, next)
	want := "async def f():\n    g()\n    await h()\n"
	if len(res.Changes) != 1 || string(res.Changes[0].Fixed) != want {
		t.Fatalf("changes = %+v, want only the h() fix", res.Changes)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "syntax error") || !strings.Contains(res.Warnings[0], "AL901") {
		t.Errorf("warnings = %q, want one about AL901's syntax error", res.Warnings)
	}
	if syntaxErrors("m.py", []byte(want)) != 0 || syntaxErrors("m.py", []byte("async def f():\n    await (g()\n")) == 0 {
		t.Error("syntaxErrors misjudges Python")
	}
	if syntaxErrors("m.go", []byte("package m\nfunc f() {\n")) == 0 || syntaxErrors("m.go", []byte("package m\n")) != 0 {
		t.Error("syntaxErrors misjudges Go")
	}
}

func TestStaleEditIsDropped(t *testing.T) {
	next := func(o map[string][]byte) []asyncir.Diagnostic {
		if bytes.Contains(o["m.py"], []byte("# done")) {
			return nil
		}
		return []asyncir.Diagnostic{diag("AL901", asyncir.Safe, ins("m.py", 999, "x")), diag("AL902", asyncir.Safe, ins("m.py", 0, "# done\n"))}
	}
	res := fakeRun(t, map[string]string{"m.py": "pass\n"}, asyncir.Safe, next)
	if len(res.Changes) != 1 || string(res.Changes[0].Fixed) != "# done\npass\n" || len(res.Warnings) != 1 {
		t.Errorf("changes %+v warnings %q", res.Changes, res.Warnings)
	}
}

func TestNonConvergingLoopStops(t *testing.T) {
	next := func(o map[string][]byte) []asyncir.Diagnostic {
		return []asyncir.Diagnostic{diag("AL901", asyncir.Safe, ins("m.py", 0, "#\n"))}
	}
	res := fakeRun(t, map[string]string{"m.py": ""}, asyncir.Safe, next)
	if res.Applied != 10 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "converge") {
		t.Errorf("applied %d, warnings %q", res.Applied, res.Warnings)
	}
}

func TestWriteAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.py")
	if err := os.WriteFile(p, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.py")
	if err := os.Symlink("m.py", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	li, _ := os.Lstat(link)
	if string(got) != "new\n" || fi.Mode().Perm() != 0o640 || li.Mode()&os.ModeSymlink == 0 {
		t.Errorf("content %q mode %v, link still a link: %v", got, fi.Mode().Perm(), li.Mode()&os.ModeSymlink != 0)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("temporary files left behind: %v", ents)
	}
	if err := Write(filepath.Join(dir, "missing.py"), nil); err == nil {
		t.Error("writing a missing file succeeded")
	}
}

func TestDiff(t *testing.T) {
	var buf bytes.Buffer
	err := Diff(&buf, []Change{{Path: "/abs/m.py", Original: []byte("a\nb\n"), Fixed: []byte("a\nB\n")}})
	if err != nil {
		t.Fatal(err)
	}
	want := "--- a/abs/m.py\n+++ b/abs/m.py\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n"
	if buf.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestVanishedFileKeepsOthersFixed: a file that cannot be read when the
// fixes are applied (deleted since the analysis) loses its fixes with a
// warning; the other file is still fixed.
func TestVanishedFileKeepsOthersFixed(t *testing.T) {
	diags := []asyncir.Diagnostic{
		diag("AL900", asyncir.Safe, ins("gone.py", 0, "a")),
		diag("AL900", asyncir.Safe, ins("m.py", 0, "b")),
	}
	res, err := Run(diags, Options{Min: asyncir.Safe,
		Read: func(p string) ([]byte, error) {
			if p == "m.py" {
				return []byte("x\n"), nil
			}
			return nil, os.ErrNotExist
		},
		Check: func(map[string][]byte) ([]asyncir.Diagnostic, error) { return nil, nil }})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(res.Changes) != 1 || res.Changes[0].Path != "m.py" || string(res.Changes[0].Fixed) != "bx\n" {
		t.Errorf("changes %+v, want m.py fixed", res.Changes)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "reading gone.py to fix it") {
		t.Errorf("warnings %q, want one about gone.py", res.Warnings)
	}
}

func TestWriteRefusesReadOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.py")
	if err := os.WriteFile(p, []byte("old\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new\n")); err != ErrReadOnly {
		t.Errorf("Write on a read-only file: %v, want ErrReadOnly", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old\n" {
		t.Errorf("read-only file rewritten: %q", got)
	}
}
