package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
)

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sampleDiagnostics() []asyncir.Diagnostic {
	pos := func(line, col, off int) asyncir.Pos { return asyncir.MakePos(line, col, off) }
	return []asyncir.Diagnostic{
		{
			Code: "AL101", Analyzer: "neverawaited", Severity: asyncir.SeverityError,
			Range:   asyncir.Range{File: "pkg/app.py", Start: pos(3, 11, 40), End: pos(3, 27, 56)},
			Message: "coroutine `save` is created but never awaited; its body never runs",
			URL:     "https://asynclint.dev/rules/neverawaited#al101",
			Related: []asyncir.Related{{Range: asyncir.Range{File: "pkg/repo.py", Start: pos(1, 1, 0), End: pos(1, 10, 9)}, Message: "`save` is defined here"}},
			Fixes: []asyncir.Fix{{Title: "Add `await`", Applicability: asyncir.Safe,
				Edits: []asyncir.Edit{{Range: asyncir.Range{File: "pkg/app.py", Start: pos(3, 11, 40), End: pos(3, 11, 40)}, NewText: "await "}}}},
		},
		{
			Code: "AL102", Analyzer: "neverawaited", Severity: asyncir.SeverityWarning,
			Range:   asyncir.Range{File: "dir with space/b.py", Start: pos(2, 5, 20), End: pos(2, 9, 24)},
			Message: "task dropped",
			Runtime: asyncir.RuntimeConfirmed,
		},
		{
			Code: "AL001", Analyzer: "core", Severity: asyncir.SeverityInfo,
			Range:   asyncir.Range{File: "/abs/c.py", Start: pos(1, 1, 0), End: pos(1, 2, 1)},
			Message: "syntax error",
		},
	}
}

func writeSARIF(t *testing.T, diags []asyncir.Diagnostic, source func(string) ([]byte, error)) []byte {
	t.Helper()
	var buf bytes.Buffer
	tool := Tool{Name: "asynclint", Version: "0.1.0", InformationURI: "https://asynclint.dev", Analyzers: driver.Analyzers(), Source: source}
	if err := SARIF(&buf, diags, tool); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := sarifSchema(t)
	for name, diags := range map[string][]asyncir.Diagnostic{"empty": nil, "sample": sampleDiagnostics()} {
		out := writeSARIF(t, diags, nil)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: output is not JSON: %v", name, err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: SARIF output does not validate: %v\n%s", name, err, out)
		}
	}
}

// TestSARIFSchemaRejects proves the validation above can fail.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := sarifSchema(t)
	out := writeSARIF(t, sampleDiagnostics(), nil)
	bad := bytes.Replace(out, []byte(`"level": "warning"`), []byte(`"level": "fatal"`), 1)
	if bytes.Equal(bad, out) {
		t.Fatal("sample has no warning-level result to corrupt")
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	var ve *jsonschema.ValidationError
	if err := schema.Validate(inst); !errors.As(err, &ve) {
		t.Errorf("a result with level \"fatal\" validated: %v", err)
	}
}

func TestSARIFContent(t *testing.T) {
	// Line 3 of app.py holds a 2-byte character before the diagnostic, so
	// the UTF-16 start column is one less than the byte column.
	src := "import asyncio\n\n" + "é = 1;    repo.save(item)\n"
	source := func(p string) ([]byte, error) {
		if p == "pkg/app.py" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID, Name, HelpURI string
						ShortDescription  struct{ Text string } `json:"shortDescription"`
						FullDescription   struct{ Text string } `json:"fullDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				RelatedLocations []json.RawMessage `json:"relatedLocations"`
				Fixes            []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ ByteOffset, ByteLength int } `json:"deletedRegion"`
							InsertedContent struct{ Text string }                `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(writeSARIF(t, sampleDiagnostics(), source), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	n := 0
	for _, a := range driver.Analyzers() {
		n += len(a.Rules)
	}
	if len(run.Tool.Driver.Rules) != n {
		t.Errorf("%d rules in tool.driver, want every rule (%d)", len(run.Tool.Driver.Rules), n)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || !strings.HasSuffix(r.HelpURI, "#"+strings.ToLower(r.ID)) {
			t.Errorf("rule %s lacks metadata: %+v", r.ID, r)
		}
	}
	res := run.Results[0]
	if res.RuleID != "AL101" || res.Level != "error" || res.RuleIndex == nil || run.Tool.Driver.Rules[*res.RuleIndex].ID != "AL101" {
		t.Errorf("result 0: ruleId %s level %s ruleIndex %v", res.RuleID, res.Level, res.RuleIndex)
	}
	reg := res.Locations[0].PhysicalLocation.Region
	if reg.StartLine != 3 || reg.StartColumn != 10 || reg.EndLine != 3 || reg.EndColumn != 26 {
		t.Errorf("region = %+v, want 3:10-3:26 in UTF-16 units", reg)
	}
	if len(res.RelatedLocations) != 1 || len(res.Fixes) != 1 {
		t.Fatalf("related %d fixes %d, want 1 and 1", len(res.RelatedLocations), len(res.Fixes))
	}
	rep := res.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion.ByteOffset != 40 || rep.DeletedRegion.ByteLength != 0 || rep.InsertedContent.Text != "await " {
		t.Errorf("fix replacement = %+v", rep)
	}
	if got := run.Results[1]; got.Level != "warning" || got.Locations[0].PhysicalLocation.ArtifactLocation.URI != "dir%20with%20space/b.py" {
		t.Errorf("result 1: level %s uri %s", got.Level, got.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	if got := run.Results[2]; got.Level != "note" || got.Locations[0].PhysicalLocation.ArtifactLocation.URI != "file:///abs/c.py" {
		t.Errorf("result 2: level %s uri %s", got.Level, got.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
}

// TestSARIFOfRealRunValidates checks the log of an actual run over every
// Python case in testdata: every rule's diagnostics, related locations
// and fixes (safe, unsafe and display-only) as the analyzers produce them.
func TestSARIFOfRealRunValidates(t *testing.T) {
	res, err := driver.Run(driver.Options{Paths: []string{"../../testdata/python"}})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	fixes, related, displayOnly := 0, 0, 0
	for _, d := range res.Diagnostics {
		codes[d.Code] = true
		fixes += len(d.Fixes)
		related += len(d.Related)
		for _, f := range d.Fixes {
			if f.Applicability == asyncir.DisplayOnly {
				displayOnly++
			}
		}
	}
	if len(codes) < 10 || fixes == 0 || related == 0 || displayOnly == 0 {
		t.Fatalf("the run should report many rules, with fixes (display-only ones too) and related locations: %d codes, %d fixes (%d display-only), %d related", len(codes), fixes, displayOnly, related)
	}
	out := writeSARIF(t, res.Diagnostics, os.ReadFile)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Errorf("SARIF of a real run over testdata/python (%d results, %d rules) does not validate: %v", len(res.Diagnostics), len(codes), err)
	}
}
