package pyfront

import "testing"

// TestExportsUnderEveryName checks that a module known under two names
// (a package module and the alias its root gives it) exports its async
// names under both: an importer may use either, and which one the index
// saw first depended on map order (a run lowered httpx._api, the next
// did not).
func TestExportsUnderEveryName(t *testing.T) {
	s, warn := readSource(File{Path: "_api.py", Content: []byte("async def fetch():\n    pass\n")}, func(string) bool { return false })
	if warn != "" {
		t.Fatal(warn)
	}
	s.name = "pkg._api"
	mi := newParserPool().lowerSource(s, Options{})
	x := newExportIndex()
	x.update(map[string]*moduleInfo{"pkg._api": mi, "_api": mi})
	for _, name := range []string{"pkg._api", "_api"} {
		if !contains(x.names[name], "fetch") {
			t.Errorf("%s exports %v, want fetch", name, x.names[name])
		}
	}
}
