package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
)

// The server first shows what `asynclint check .` left in the result
// cache, then its own check's findings; only while the document's text and
// its import component are what the cache describes. The stored message is
// marked so the test can tell which publication came from the cache.
func TestStartsFromTheResultCache(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"models.py": "async def save(item):\n    return item\n",
		"app.py":    "from models import save\n\n\nasync def main():\n    save(1)\n",
		"other.py":  "async def ping():\n    pass\n\n\nasync def run():\n    ping()\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// `asynclint check .` in the root, then mark every stored message.
	t.Chdir(dir)
	cfg := &config.Config{}
	c := cache.Open(cache.ProjectDir(cfg.CacheDir, dir))
	if _, err := driver.Run(driver.Options{Paths: []string{"."}, Config: cfg, Cache: c}); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(c.Dir, "*", "*"))
	marked := 0
	for _, e := range entries {
		key := filepath.Base(e)
		entry := c.Load(key)
		if entry == nil {
			continue
		}
		for i := range entry.Components {
			for j := range entry.Components[i].Diagnostics {
				entry.Components[i].Diagnostics[j].Message = "STORED " + entry.Components[i].Diagnostics[j].Message
				marked++
			}
		}
		if err := c.Store(key, entry); err != nil {
			t.Fatal(err)
		}
	}
	if marked != 2 {
		t.Fatalf("the cache entry holds %d findings (entries %v), want app.py's and other.py's AL101", marked, entries)
	}
	// models.py changes on disk: app.py's component no longer matches,
	// other.py's does.
	if err := os.WriteFile(filepath.Join(dir, "models.py"), []byte(files["models.py"]+"\n\nX = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("unchanged", func(t *testing.T) {
		got := publications(t, dir, "other.py", files["other.py"])
		if len(got) != 2 || !strings.HasPrefix(got[0], "STORED ") || strings.HasPrefix(got[1], "STORED ") {
			t.Errorf("publications = %q, want the stored AL101 first, then the checked one", got)
		}
	})
	t.Run("edited buffer", func(t *testing.T) {
		got := publications(t, dir, "other.py", files["other.py"]+"# unsaved\n")
		if len(got) != 1 || strings.HasPrefix(got[0], "STORED ") {
			t.Errorf("publications = %q, want only the checked AL101 (the buffer is not the stored text)", got)
		}
	})
	t.Run("dependency changed on disk", func(t *testing.T) {
		got := publications(t, dir, "app.py", files["app.py"])
		if len(got) != 1 || strings.HasPrefix(got[0], "STORED ") {
			t.Errorf("publications = %q, want only the checked AL101 (models.py changed)", got)
		}
	})
}

// publications opens name in a new server over dir and returns the
// message of each publication for it, up to the first that is not from
// the cache (each publication here holds one finding).
func publications(t *testing.T, dir, name, text string) []string {
	t.Helper()
	pc := startPipe(t)
	pc.request(1, "initialize", map[string]any{"rootUri": pathToURI(dir)})
	pc.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	uri := pathToURI(filepath.Join(dir, name))
	pc.send(map[string]any{"method": "textDocument/didOpen", "params": DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}}})
	var msgs []string
	for {
		p, _ := pc.nextDiagnostics()
		if p.URI != uri {
			continue
		}
		if len(p.Diagnostics) != 1 {
			t.Fatalf("publication for %s holds %d findings, want 1: %+v", name, len(p.Diagnostics), p.Diagnostics)
		}
		msgs = append(msgs, p.Diagnostics[0].Message)
		if !strings.HasPrefix(p.Diagnostics[0].Message, "STORED ") {
			return msgs
		}
	}
}
