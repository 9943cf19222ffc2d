package pyfront

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

func TestDeclaredEncoding(t *testing.T) {
	for src, want := range map[string]string{
		"# -*- coding: latin-1 -*-\nx = 1\n":                        "latin-1",
		"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n": "cp1252",
		"x = 1\n# coding: latin-1\n":                                "",
		"\n\n# coding: latin-1\n":                                   "",
		"# coding=utf-8\n":                                          "utf-8",
	} {
		if got := declaredEncoding([]byte(src)); got != want {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}

func TestLatin1Source(t *testing.T) {
	// "café" in latin-1 is one byte per letter: invalid UTF-8.
	src := []byte("# -*- coding: latin-1 -*-\nimport asyncio\nasync def main():\n    s = 'caf\xe9'; asyncio.sleep(1)\n")
	r := Load([]File{{Path: "m.py", Content: src}}, asyncir.PythonModels(), Options{})
	if len(r.Warnings) > 0 {
		t.Fatal(r.Warnings)
	}
	m := r.Program.Module("m")
	if m.Encoding != "latin-1" {
		t.Errorf("encoding %q, want latin-1", m.Encoding)
	}
	op := callAt(t, r.Program, "m", 4)
	// The column counts the decoded text's bytes: é is two bytes in UTF-8
	// (column 18), one in the file (where the call is at byte column 17).
	if op.External != "asyncio.sleep" || op.Range.Start.Col != 18 {
		t.Errorf("call %s at column %d, want asyncio.sleep at 18", op.External, op.Range.Start.Col)
	}
	// Without the declaration the file is skipped as before.
	r = Load([]File{{Path: "m.py", Content: src[len("# -*- coding: latin-1 -*-\n"):]}}, asyncir.PythonModels(), Options{})
	if len(r.Warnings) != 1 {
		t.Errorf("undeclared latin-1: warnings %v", r.Warnings)
	}
	// A declaration of an unknown codec is a warning, not a guess.
	r = Load([]File{{Path: "m.py", Content: []byte("# coding: klingon\nx = '\xe9'\n")}}, asyncir.PythonModels(), Options{})
	if len(r.Warnings) != 1 {
		t.Errorf("unknown codec: warnings %v", r.Warnings)
	}
}
