package output

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

func TestGitHub(t *testing.T) {
	var buf bytes.Buffer
	// Line 3 of app.py holds a 2-byte character before the diagnostic:
	// UTF-16 columns are one less than byte columns.
	src := "import asyncio\n\n" + "é = 1;    repo.save(item)\n"
	source := func(p string) ([]byte, error) {
		if p == "pkg/app.py" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	diags := sampleDiagnostics()
	diags[2].Range.End = asyncir.Pos{Line: 4, Col: 3, Offset: 30} // a range over lines: no columns
	if err := GitHub(&buf, diags, source); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := []string{
		"::error file=pkg/app.py,line=3,col=10,endLine=3,endColumn=26,title=AL101::coroutine `save` is created but never awaited; its body never runs%0Apkg/repo.py:1:1: `save` is defined here%0Asee https://asynclint.dev/rules/neverawaited#al101",
		"::warning file=dir with space/b.py,line=2,col=5,endLine=2,endColumn=9,title=AL102::task dropped [runtime: confirmed]",
		"::notice file=/abs/c.py,line=1,endLine=4,title=AL001::syntax error",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
}

func TestGitHubEscapes(t *testing.T) {
	if got := escapeProperty("a,b:c%d\ne"); got != "a%2Cb%3Ac%25d%0Ae" {
		t.Errorf("escapeProperty = %q", got)
	}
	if got := escapeData("50%: a,b\r\n"); got != "50%25: a,b%0D%0A" {
		t.Errorf("escapeData = %q", got)
	}
}
