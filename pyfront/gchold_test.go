package pyfront

import (
	"runtime/debug"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestGCHoldEnds: a run that lowers a module in segments gives the
// collector back its setting, whether the module was lowered in segments
// or went to the whole-file path, with or without a session; and the
// collector is held off only while such a run lowers.
func TestGCHoldEnds(t *testing.T) {
	defer func(n int) { segmentSize = n }(segmentSize)
	segmentSize = 1
	defer debug.SetGCPercent(debug.SetGCPercent(123))
	for name, src := range map[string]string{
		"segmented": "import asyncio\nasync def f():\n    pass\ndef g():\n    pass\nasync def h():\n    g()\n",
		"broken":    "import asyncio\nasync def f():\n    pass\ndef g():\n    x = = 1\nasync def h():\n    g()\n",
	} {
		if splitSegments([]byte(src), segmentSize) == nil {
			t.Fatalf("%s: not split into segments", name)
		}
		for _, keep := range []bool{false, true} {
			Load([]File{{Path: name + ".py", Content: []byte(src)}}, asyncir.PythonModels(), Options{Eager: true, KeepSession: keep})
			if got := debug.SetGCPercent(123); got != 123 {
				t.Errorf("%s (session %v): GC percent %d after the run, want 123", name, keep, got)
			}
		}
	}
	p := newParserPool()
	p.holdGC(1 << 20)
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent %d while a run holds the collector, want -1 (off)", got)
	}
	p.releaseGC()
	if got := debug.SetGCPercent(123); got != 123 {
		t.Errorf("GC percent %d after the hold, want 123", got)
	}
}
