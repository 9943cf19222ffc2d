package lsp

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestSeverityMapping: info, which check hides by default, is published
// as a hint (4), so editors show it without filling the problems list.
func TestSeverityMapping(t *testing.T) {
	for sev, want := range map[asyncir.Severity]int{asyncir.SeverityError: 1, asyncir.SeverityWarning: 2, asyncir.SeverityInfo: 4} {
		if got := severity(sev); got != want {
			t.Errorf("severity(%v) = %d, want %d", sev, got, want)
		}
	}
}

// TestEditorSeesEverySite: the server reports each call site of a shared
// blocking helper in its own file, with or without a configuration file.
func TestEditorSeesEverySite(t *testing.T) {
	if !NewServer(Options{}).cfg.AllSites {
		t.Errorf("the default configuration merges call sites")
	}
}
