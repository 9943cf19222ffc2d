package blockingcall_test

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers/blockingcall"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/casetest"
)

func TestPythonCases(t *testing.T) {
	casetest.Run(t, "../../testdata/python/blockingcall", "AL2")
}

// TestValidate checks the family's metadata and docs.
func TestValidate(t *testing.T) {
	if err := asyncir.Validate([]*asyncir.Analyzer{blockingcall.Analyzer}); err != nil {
		t.Fatal(err)
	}
	for _, r := range blockingcall.Analyzer.Rules {
		for _, h := range []string{"### What it does", "### Why is this bad?", "### Example", "### Use instead"} {
			if !strings.Contains(r.Doc, h) {
				t.Errorf("%s: doc lacks %q", r.Code, h)
			}
		}
	}
}
