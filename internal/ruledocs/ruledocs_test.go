package ruledocs

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

const path = "../../docs/rules.md"

// TestGenerated fails when docs/rules.md drifts from the rule docs
// (gopls' TestGenerated).
func TestGenerated(t *testing.T) {
	got := Markdown(driver.Analyzers())
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Fatalf("docs/rules.md is stale; run: go test ./internal/ruledocs -update")
	}
}

// TestValidate checks every analyzer's metadata and docs.
func TestValidate(t *testing.T) {
	if err := asyncir.Validate(driver.Analyzers()); err != nil {
		t.Fatal(err)
	}
	for _, a := range driver.Analyzers() {
		for _, r := range a.Rules {
			for _, h := range []string{"### What it does", "### Why is this bad?"} {
				if !strings.Contains(r.Doc, h) {
					t.Errorf("%s: doc lacks %q", r.Code, h)
				}
			}
		}
	}
}
