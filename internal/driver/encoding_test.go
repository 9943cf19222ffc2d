package driver

import (
	"os"
	"path/filepath"
	"testing"
)

// A file decoded from latin-1 is analysed, but its positions are in the
// decoded text, so it gets no fixes.
func TestDecodedFileHasNoFixes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.py")
	src := "# -*- coding: latin-1 -*-\nimport asyncio\nasync def main():\n    s = 'caf\xe9'; asyncio.sleep(1)\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "AL101" {
		t.Fatalf("diagnostics %v, want one AL101", res.Diagnostics)
	}
	if len(res.Diagnostics[0].Fixes) != 0 {
		t.Errorf("fixes %v offered for a decoded file", res.Diagnostics[0].Fixes)
	}
}
