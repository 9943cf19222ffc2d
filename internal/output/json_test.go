package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestJSONIsTheWholeReportEncoded: the findings encoded one at a time, in
// runs on several cores, give the bytes of one json.Encoder over the whole
// report, for empty reports, one finding, and runs that end at, before and
// after a run boundary; HTML characters and non-ASCII text included.
func TestJSONIsTheWholeReportEncoded(t *testing.T) {
	sample := sampleDiagnostics()
	for _, n := range []int{0, 1, 3, 511, 512, 513, 1200} {
		diags := make([]asyncir.Diagnostic, n)
		for i := range diags {
			diags[i] = sample[i%len(sample)]
			diags[i].Message = fmt.Sprintf("finding %d: <a & b> — `x`", i)
		}
		var got bytes.Buffer
		if err := JSON(&got, diags); err != nil {
			t.Fatal(err)
		}
		rep := jsonReport{Diagnostics: []jsonDiagnostic{}}
		for _, d := range diags {
			rep.Diagnostics = append(rep.Diagnostics, jsonOf(d))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d findings: the report differs from one encoding of it:\n%.400s\nwant:\n%.400s", n, got.String(), want.String())
		}
	}
}
