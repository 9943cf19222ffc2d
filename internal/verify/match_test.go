package verify

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/expect"
)

func TestMatch(t *testing.T) {
	src := "a()  # want: AL101\nb()  # want: AL201\nc()\nd()  # want: AL405\n# static-only: AL405 documented contract\ne()\n"
	c, err := expect.ParsePython("t.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	evs := []Event{
		{Kind: "never-awaited", File: "t.py", Line: 1, Detail: "coroutine 'a' was never awaited"},
		{Kind: "never-awaited", File: "t.py", Line: 2, Detail: "coroutine 'b' was never awaited"}, // wrong rule for line 2
		{Kind: "exception", File: "t.py", Line: 3, Detail: "TypeError: object Future can't be used in 'await' expression"},
		{Kind: "exception", File: "t.py", Line: 6, Detail: "ValueError: not evidence"},
		{Kind: "slow-callback", File: "t.py", Line: 6, Detail: "not evidence"},
	}
	got := map[string]bool{}
	for _, f := range match([]*expect.Case{c}, evs, EvidenceTable(), false) {
		got[strings.SplitN(f.String(), ":", 4)[1]+" "+f.Code+" "+f.Outcome.String()] = true
	}
	for _, want := range []string{"1 AL101 verified", "2 AL201 unconfirmed", "2 AL101 unexpected", "3 AL401 unexpected", "4 AL405 static-only"} {
		if !got[want] {
			t.Errorf("missing %q in %v", want, got)
		}
	}
	if len(got) != 5 {
		t.Errorf("got %d findings, want 5: %v", len(got), got)
	}
}

// A coroutine dropped because the call that should consume it raised is
// the exception's consequence, not a second finding.
func TestNeverAwaitedAfterRaise(t *testing.T) {
	c, _ := expect.ParsePython("t.py", []byte("asyncio.run(f())  # want: AL304\n"))
	evs := []Event{
		{Kind: "exception", File: "t.py", Line: 1, Detail: "RuntimeError: asyncio.run() cannot be called from a running event loop"},
		{Kind: "never-awaited", File: "t.py", Line: 1, Detail: "coroutine 'f' was never awaited"},
	}
	fs := match([]*expect.Case{c}, evs, EvidenceTable(), false)
	if len(fs) != 1 || fs[0].Outcome != Verified {
		t.Fatalf("findings = %v", fs)
	}
}

// Go events carry several places; a want at any of them accounts for the
// event, and Python evidence never confirms a Go rule.
func TestMatchGoPlaces(t *testing.T) {
	c, err := expect.ParseGo("p.go", []byte("package p\n\nfunc f() {\n\tgo g() // want `leaks \\(AL151\\)`\n}\n\nfunc g() {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	leak := Event{Kind: "goroutine-leak", File: "p.go", Line: 7, Also: []Loc{{"p.go", 4}}}
	fs := match([]*expect.Case{c}, []Event{leak}, EvidenceTable(), true)
	if len(fs) != 1 || fs[0].Outcome != Verified {
		t.Fatalf("findings = %v", fs)
	}
	fs = match([]*expect.Case{c}, []Event{{Kind: "never-awaited", File: "p.go", Line: 4}}, EvidenceTable(), true)
	if len(fs) != 1 || fs[0].Outcome != Unconfirmed {
		t.Fatalf("findings = %v", fs)
	}
}

// Every rule of RULES.md has runtime evidence, except those whose cases
// must carry a reviewed static-only mark.
func TestEvidenceTableComplete(t *testing.T) {
	staticByDesign := map[string]bool{"AL405": true, "AL451": true}
	table := EvidenceTable()
	for _, code := range strings.Fields("AL101 AL102 AL103 AL104 AL105 AL151 AL152 AL153 AL154 " +
		"AL201 AL202 AL203 AL204 AL251 AL301 AL302 AL303 AL304 AL305 AL306 AL351 AL352 " +
		"AL401 AL402 AL403 AL404 AL405 AL451") {
		if _, ok := table[code]; ok == staticByDesign[code] {
			t.Errorf("%s: has evidence %v, static by design %v", code, ok, staticByDesign[code])
		}
	}
}

func TestRunMode(t *testing.T) {
	for src, want := range map[string]string{
		"async def main():\n    pass\n":                                      "main",
		"async def main():\n    pass\nif __name__ == '__main__':\n    x()\n": "script",
		"x = 1\n": "script",
		"# run: main\nasync def main(): pass\nif __name__ == \"__main__\":\n    x()\n": "main",
	} {
		if got := runMode([]byte(src)); got != want {
			t.Errorf("runMode(%q) = %s, want %s", src, got, want)
		}
	}
}

func TestUncaught(t *testing.T) {
	c, _ := expect.ParsePython("t.py", []byte("with lock:  # want: AL105\nx = 1 + ''\n"))
	evs := []Event{
		{Kind: "uncaught", File: "t.py", Line: 1, Detail: "TypeError: 'Lock' object does not support the context manager protocol"},
		{Kind: "uncaught", File: "t.py", Line: 2, Detail: "TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
	}
	got := uncaught([]*expect.Case{c}, evs, EvidenceTable())
	if len(got) != 1 || !strings.HasPrefix(got[0], "t.py:2: the case ended with an uncaught TypeError") {
		t.Fatalf("problems = %q", got)
	}
}
