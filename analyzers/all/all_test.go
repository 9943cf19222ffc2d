package all_test

import (
	"testing"

	"github.com/asynclint/asynclint/analyzers/all"
	"github.com/asynclint/asynclint/asyncir"
)

// TestValidate checks names, docs and codes, as analysis.Validate does.
func TestValidate(t *testing.T) {
	if err := asyncir.Validate(all.Analyzers()); err != nil {
		t.Fatal(err)
	}
}
