package looppassing_test

import (
	"testing"

	"github.com/asynclint/asynclint/analyzers/looppassing"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/casetest"
)

func TestCases(t *testing.T) {
	casetest.Run(t, "../../testdata/python/looppassing", looppassing.Analyzer.Name)
}

func TestValidate(t *testing.T) {
	if err := asyncir.Validate([]*asyncir.Analyzer{looppassing.Analyzer}); err != nil {
		t.Fatal(err)
	}
}
