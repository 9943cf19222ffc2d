package wraptypes_test

import (
	"testing"

	"github.com/asynclint/asynclint/analyzers/wraptypes"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/casetest"
)

func TestCases(t *testing.T) {
	casetest.Run(t, "../../testdata/python/wraptypes", wraptypes.Analyzer.Name)
}

func TestValidate(t *testing.T) {
	if err := asyncir.Validate([]*asyncir.Analyzer{wraptypes.Analyzer}); err != nil {
		t.Fatal(err)
	}
}
