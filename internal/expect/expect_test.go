package expect

import (
	"strings"
	"testing"
)

func TestParsePython(t *testing.T) {
	src := `import asyncio
x = "# want: AL999"  # want: AL101 "never awaited", AL102
s = """
# want: AL103
"""
y = 1  # static-only: AL405 documented contract
`
	c, err := ParsePython("t.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Wants) != 2 || c.Wants[0].Code != "AL101" || c.Wants[0].Line != 2 || c.Wants[1].Code != "AL102" {
		t.Fatalf("wants = %+v", c.Wants)
	}
	if !c.Wants[0].Message.MatchString("is never awaited") || c.Wants[1].Message != nil {
		t.Fatalf("messages wrong")
	}
	if c.StaticOnly["AL405"] != "documented contract" {
		t.Fatalf("static-only = %v", c.StaticOnly)
	}
}

func TestMatch(t *testing.T) {
	c, _ := ParsePython("t.py", []byte("a()  # want: AL101\nb()\n"))
	probs := c.Match([]Diag{{Line: 2, Code: "AL101"}})
	if len(probs) != 2 || !strings.Contains(probs[0], "t.py:2: unexpected") || !strings.Contains(probs[1], "t.py:1: expected diagnostic AL101") {
		t.Fatalf("problems = %q", probs)
	}
}

func TestMalformed(t *testing.T) {
	if _, err := ParsePython("t.py", []byte("a()  # want: AL1x\n")); err == nil || !strings.Contains(err.Error(), "t.py:1") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseGo(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tgo g() // want `goroutine .* leaks \\(AL151\\)` \"second\"\n}\n\n// static-only: AL451 needs a driver\nfunc g() {}\n"
	c, err := ParseGo("p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Wants) != 2 || c.Wants[0].Line != 4 || c.Wants[0].Code != "AL151" || c.Wants[1].Code != "" || !c.Wants[1].Message.MatchString("second") {
		t.Fatalf("wants = %+v", c.Wants)
	}
	if c.StaticOnly["AL451"] != "needs a driver" {
		t.Fatalf("static-only = %v", c.StaticOnly)
	}
	if _, err := ParseGo("p.go", []byte("package p\n// want x\n")); err == nil || !strings.Contains(err.Error(), "p.go:2") {
		t.Fatalf("err = %v", err)
	}
}
