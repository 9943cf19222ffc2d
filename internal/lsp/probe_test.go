package lsp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/pyfront"
)

// Before the workspace scan completes, an opened document's check still
// includes the modules it imports, transitively, found beside its package
// root — the first diagnostics must not depend on which finishes first.
func TestProbeFindsImportedModulesBeforeTheScan(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app.py":          "from models import save\nfrom pkg.sub import go\nimport asyncio\n",
		"models.py":       "async def save(x):\n    return x\n",
		"pkg/__init__.py": "",
		"pkg/sub.py":      "from pkg.deep import go\n",
		"pkg/deep.py":     "async def go():\n    pass\n",
		"big.py":          "# " + strings.Repeat("x", 200) + "\n",
		"unrelated.py":    "import models\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := filepath.Join(dir, "app.py")
	ix := newIndex()
	ix.learn(pyfront.ScanImports([]string{app}))
	if got := ix.closure([]string{app}); len(got) != 1 {
		t.Fatalf("closure before probing = %v, want the document alone", got)
	}
	ix.probe(dir, []string{app}, 100)
	got := ix.closure([]string{app})
	want := []string{app, filepath.Join(dir, "models.py"), filepath.Join(dir, "pkg", "deep.py"), filepath.Join(dir, "pkg", "sub.py")}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("closure after probing = %v\nwant %v", got, want)
	}
	if ix.described(filepath.Join(dir, "unrelated.py")) {
		t.Errorf("probing read a module nothing in the closure imports")
	}

	// A workspace opened on the package directory: the modules beside the
	// package (installed next to it, say) are not the user's code.
	sub := filepath.Join(dir, "pkg", "sub.py")
	if err := os.WriteFile(sub, []byte("from pkg.deep import go\nimport models\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix3 := newIndex()
	ix3.learn(pyfront.ScanImports([]string{sub}))
	ix3.probe(filepath.Join(dir, "pkg"), []string{sub}, 100)
	want3 := []string{filepath.Join(dir, "pkg", "deep.py"), sub}
	if got := ix3.closure([]string{sub}); !slices.Equal(got, want3) {
		t.Errorf("closure with the workspace on pkg/ = %v\nwant %v (models.py lies outside the workspace)", got, want3)
	}

	// A module over the size limit is left out, as the scan leaves it out.
	ix2 := newIndex()
	if err := os.WriteFile(app, []byte("import big\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix2.learn(pyfront.ScanImports([]string{app}))
	ix2.probe(dir, []string{app}, 100)
	if got := ix2.closure([]string{app}); len(got) != 1 {
		t.Errorf("closure = %v, want the module over max-file-size left out", got)
	}
}
