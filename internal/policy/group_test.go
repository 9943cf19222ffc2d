package policy

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

func site(code, file string, line int, root *asyncir.Cause, sev asyncir.Severity) asyncir.Diagnostic {
	return asyncir.Diagnostic{Code: code, Severity: sev, Message: "site", Cause: root,
		Range: asyncir.Range{File: file, Start: asyncir.MakePos(line, 5, line*100)}}
}

func cause(file string, line int, via string) *asyncir.Cause {
	return &asyncir.Cause{Range: asyncir.Range{File: file, Start: asyncir.MakePos(line, 5, line*100)},
		Message: "`load` calls `time.sleep`, which blocks the event loop", Callers: "coroutines", Via: via}
}

func TestGroup(t *testing.T) {
	ds := []asyncir.Diagnostic{
		site("AL202", "b.py", 30, cause("lib.py", 7, "coroutine `c` reaches it here"), info),
		site("AL101", "a.py", 1, nil, errSev),
		site("AL202", "a.py", 20, cause("lib.py", 7, "coroutine `a` reaches it here"), warning),
		site("AL202", "a.py", 10, cause("lib.py", 7, "coroutine `b` reaches it here"), info),
		// Same root, another rule: its own group (of one, so at its site).
		site("AL203", "a.py", 40, cause("lib.py", 7, "callback `cb` reaches it here"), warning),
		// Another root reached once: stays at its site.
		site("AL202", "a.py", 50, cause("lib.py", 9, "coroutine `d` reaches it here"), warning),
	}
	got := Group(ds)
	if len(got) != 4 {
		t.Fatalf("got %d findings, want 4: %+v", len(got), got)
	}
	g := got[0]
	if g.Code != "AL202" || g.Range.File != "lib.py" || g.Range.Start.Line != 7 {
		t.Errorf("merged finding at %s:%d (%s), want lib.py:7 AL202", g.Range.File, g.Range.Start.Line, g.Code)
	}
	if want := "`load` calls `time.sleep`, which blocks the event loop; 3 coroutines reach it"; g.Message != want {
		t.Errorf("message %q, want %q", g.Message, want)
	}
	if g.Severity != warning {
		t.Errorf("severity %v, want the highest of the sites (warning)", g.Severity)
	}
	var sites []string
	for _, r := range g.Related {
		sites = append(sites, r.Range.File+":"+strings.Fields(r.Message)[1])
	}
	if strings.Join(sites, " ") != "a.py:`b` a.py:`a` b.py:`c`" {
		t.Errorf("related sites %v, want every site in position order", sites)
	}
	if got[1].Code != "AL101" || got[2].Code != "AL203" || got[2].Range.File != "a.py" || got[3].Range.Start.Line != 50 {
		t.Errorf("unmerged findings changed: %+v", got[1:])
	}
}

// TestGroupKeepsRuntime: a root cause the runtime confirmed through one of
// its call sites stays confirmed once the sites are merged.
func TestGroupKeepsRuntime(t *testing.T) {
	cause := &asyncir.Cause{Range: asyncir.Range{File: "h.py", Start: asyncir.Pos{Line: 3, Offset: 30}}, Message: "helper blocks", Callers: "coroutines", Via: "calls helper"}
	site := func(line int, runtime string) asyncir.Diagnostic {
		return asyncir.Diagnostic{Code: "AL202", Range: asyncir.Range{File: "a.py", Start: asyncir.MakePos(line, 0, line*10)}, Cause: cause, Runtime: runtime}
	}
	got := Group([]asyncir.Diagnostic{site(1, ""), site(2, asyncir.RuntimeConfirmed)})
	if len(got) != 1 || got[0].Runtime != asyncir.RuntimeConfirmed {
		t.Errorf("got %+v, want one merged finding, confirmed", got)
	}
}

// TestGroupDeadlockSides: the two blocked sides of one deadlock share a
// root with no callers to count: one finding, with the root's message as
// it is and both sides related.
func TestGroupDeadlockSides(t *testing.T) {
	root := asyncir.Cause{Range: asyncir.Range{File: "d.go", Start: asyncir.MakePos(13, 2, 130)}, Message: "`A` and `B` take mutexes `x` and `y` in opposite orders"}
	side := func(line int, via string) asyncir.Diagnostic {
		c := root
		c.Via = via
		return asyncir.Diagnostic{Code: "AL155", Severity: warning, Message: "side", Cause: &c, Range: asyncir.Range{File: "d.go", Start: asyncir.MakePos(line, 2, line*10)}}
	}
	got := Group([]asyncir.Diagnostic{side(13, "`A` locks `y` here"), side(21, "`B` locks `x` here")})
	if len(got) != 1 || got[0].Message != root.Message || got[0].Range.Start.Line != 13 || len(got[0].Related) != 2 || got[0].Related[1].Message != "`B` locks `x` here" {
		t.Errorf("got %+v, want one finding at line 13 with the root's message and both sides related", got)
	}
}
