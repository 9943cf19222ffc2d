package trace

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/verify"
)

// joinFixture is a project of one file, checked as "proj" from its parent.
func joinFixture(t *testing.T) (root, abs string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("proj", 0o755); err != nil {
		t.Fatal(err)
	}
	src := "import time\n\nasync def handler():\n    helper()\n    time.sleep(1)\n\ndef helper():\n    time.sleep(1)\n"
	if err := os.WriteFile(filepath.Join("proj", "app.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(filepath.Join("proj", "app.py"))
	if err != nil {
		t.Fatal(err)
	}
	return "proj", abs
}

func lineDiag(code, file string, line int) asyncir.Diagnostic {
	return asyncir.Diagnostic{Code: code, Range: asyncir.Range{File: file, Start: asyncir.MakePos(line, 5, 0)}}
}

func TestJoin(t *testing.T) {
	root, abs := joinFixture(t)
	file := filepath.Join(root, "app.py")
	stack := []verify.Frame{{File: abs, Line: 8, Func: "helper"}, {File: abs, Line: 4, Func: "handler"}, {File: "/usr/lib/python3.11/asyncio/events.py", Line: 80, Func: "_run"}}
	j := Joiner{
		Roots:     []string{root},
		Analyzers: driver.Analyzers(),
		Events: []verify.Event{
			// confirms the AL201 at line 5
			{Kind: "blocking-in-coroutine", File: abs, Line: 5, Detail: "time.sleep called while the event loop runs"},
			// no static AL202 at line 4: runtime-only, with its stack
			{Kind: "blocking-via-helper", File: abs, Line: 4, Detail: "time.sleep called while the event loop runs", Stack: stack},
			// evidence of another rule at line 5: does not confirm AL201, and AL105 only confirms
			{Kind: "exception", File: abs, Line: 5, Detail: "AttributeError: __enter__"},
			// the consequence of the exception on its line
			{Kind: "never-awaited", File: abs, Line: 5, Detail: "coroutine 'x' was never awaited"},
			// no project line
			{Kind: "never-awaited", Line: 0, Detail: "coroutine 'y' was never awaited"},
		},
	}
	diags := []asyncir.Diagnostic{lineDiag("AL201", file, 5), lineDiag("AL101", file, 8)}
	got := j.Join(diags, &asyncir.Config{})
	if len(got) != 3 {
		t.Fatalf("got %d diagnostics, want 3: %+v", len(got), got)
	}
	if got[0].Runtime != asyncir.RuntimeConfirmed {
		t.Errorf("AL201 at line 5: runtime %q, want confirmed", got[0].Runtime)
	}
	if got[1].Runtime != "" {
		t.Errorf("AL101 at line 8 has no evidence of its rule: runtime %q, want none", got[1].Runtime)
	}
	ro := got[2]
	if ro.Code != "AL202" || ro.Runtime != asyncir.RuntimeOnly || ro.Range.File != file || ro.Range.Start.Line != 4 || ro.Range.Start.Col != 5 {
		t.Errorf("runtime-only finding = %s %s %v, want AL202 runtime-only at %s:4:5", ro.Code, ro.Runtime, ro.Range, file)
	}
	if ro.Analyzer != "blockingcall" || ro.URL == "" || ro.Severity != asyncir.SeverityWarning {
		t.Errorf("runtime-only finding lacks its rule's metadata: %+v", ro)
	}
	if len(ro.Related) != 1 || ro.Related[0].Range.File != file || ro.Related[0].Range.Start.Line != 8 {
		t.Errorf("related = %+v, want the project frame at %s:8 only", ro.Related, file)
	}

	// --ignore AL202 drops the runtime-only finding.
	got = j.Join([]asyncir.Diagnostic{lineDiag("AL201", file, 5)}, &asyncir.Config{Ignore: []string{"AL202"}})
	if len(got) != 1 {
		t.Errorf("with AL202 ignored: %d diagnostics, want 1: %+v", len(got), got)
	}
}

// TestJoinStackSite: a finding whose line the runtime passed on the way to
// the evidence (a creation stack's outer frame) is confirmed.
func TestJoinStackSite(t *testing.T) {
	root, abs := joinFixture(t)
	file := filepath.Join(root, "app.py")
	j := Joiner{Roots: []string{root}, Analyzers: driver.Analyzers(), Events: []verify.Event{
		{Kind: "never-awaited", File: abs, Line: 8, Detail: "coroutine 'x' was never awaited",
			Stack: []verify.Frame{{File: abs, Line: 8}, {File: abs, Line: 4}}},
	}}
	got := j.Join([]asyncir.Diagnostic{lineDiag("AL101", file, 4)}, nil)
	if len(got) != 1 || got[0].Runtime != asyncir.RuntimeConfirmed {
		t.Errorf("got %+v, want the AL101 at line 4 confirmed and nothing else", got)
	}
}

// TestJoinDestroyedTask: a task destroyed while pending confirms AL102 but
// is no finding by itself (a referenced task left running when its loop
// closed is destroyed too); a task only the loop referenced is one.
func TestJoinDestroyedTask(t *testing.T) {
	root, abs := joinFixture(t)
	j := Joiner{Roots: []string{root}, Analyzers: driver.Analyzers(), Events: []verify.Event{
		{Kind: "task-destroyed", File: abs, Line: 4, Detail: "Task was destroyed but it is pending: x"},
		{Kind: "task-unreferenced", File: abs, Line: 8, Detail: "task y is pending at the end of its loop and only the loop references it"},
	}}
	got := j.Join(nil, nil)
	if len(got) != 1 || got[0].Code != "AL102" || got[0].Range.Start.Line != 8 || got[0].Runtime != asyncir.RuntimeOnly {
		t.Errorf("got %+v, want one runtime-only AL102 at line 8", got)
	}
	got = j.Join([]asyncir.Diagnostic{lineDiag("AL102", filepath.Join(root, "app.py"), 4)}, nil)
	if got[0].Runtime != asyncir.RuntimeConfirmed {
		t.Errorf("the destroyed task does not confirm the AL102 at its line: %+v", got[0])
	}
}
