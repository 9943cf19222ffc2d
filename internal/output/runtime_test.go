package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestRuntimeInEveryFormat: what asynclint trace saw of a finding shows in
// every format, and a finding it did not see carries no mark.
func TestRuntimeInEveryFormat(t *testing.T) {
	diags := sampleDiagnostics() // the AL102 is confirmed, the others unmarked
	var text bytes.Buffer
	if err := Text(&text, diags); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "dir with space/b.py:2:5: task dropped (AL102) [runtime: confirmed]\n") || strings.Count(text.String(), "[runtime:") != 1 {
		t.Errorf("text:\n%s", text.String())
	}

	var js bytes.Buffer
	if err := JSON(&js, diags); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Diagnostics []map[string]any `json:"diagnostics"`
	}
	if err := json.Unmarshal(js.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagnostics {
		rt, has := d["runtime"]
		if want := d["code"] == "AL102"; has != want || (want && rt != "confirmed") {
			t.Errorf("json %v: runtime %v (present %v)", d["code"], rt, has)
		}
	}

	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string         `json:"ruleId"`
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(writeSARIF(t, diags, nil), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Results {
		if want := r.RuleID == "AL102"; (r.Properties["runtime"] == "confirmed") != want {
			t.Errorf("sarif %s: properties %v", r.RuleID, r.Properties)
		}
	}

	var gh bytes.Buffer
	if err := GitHub(&gh, diags, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gh.String(), "task dropped [runtime: confirmed]") {
		t.Errorf("github:\n%s", gh.String())
	}
}
