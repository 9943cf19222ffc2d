package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestGitHub(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, sampleDiagnostics()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := []string{
		"::error file=pkg/app.py,line=3,col=11,endLine=3,endColumn=27,title=AL101::coroutine `save` is created but never awaited; its body never runs%0Apkg/repo.py:1:1: `save` is defined here%0Asee https://asynclint.dev/rules/neverawaited#al101",
		"::warning file=dir with space/b.py,line=2,col=5,endLine=2,endColumn=9,title=AL102::task dropped [runtime: confirmed]",
		"::notice file=/abs/c.py,line=1,col=1,endLine=1,endColumn=2,title=AL001::syntax error",
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
