package driver

import (
	"bytes"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
)

// copyTree copies the .py files under src into dst.
func copyTree(t *testing.T, src, dst string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		os.MkdirAll(filepath.Dir(target), 0o755)
		out = append(out, target)
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCacheRandomEdits edits the repository's Python cases at random —
// lines deleted and duplicated, whole files swapped (so imports move),
// star imports of other cases added, files deleted and restored — and
// after each edit compares the cached run with a run without the cache,
// with and without the installed libraries.
func TestCacheRandomEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, python := range []string{"none", ""} {
		t.Run("python="+python, func(t *testing.T) {
			dir := t.TempDir()
			files := copyTree(t, "../../testdata/python", dir)
			slices.Sort(files)
			cfg := &config.Config{Python: python}
			c := newCache(t)
			compareRuns(t, dir, cfg, c)
			rng := rand.New(rand.NewSource(13))
			deleted := map[string][]byte{}
			partial := 0
			check := func() {
				res := compareRuns(t, dir, cfg, c)
				if res.Cached > 0 && res.Cached < res.Files {
					partial++
				}
			}
			for step := 0; step < 25; step++ {
				f := files[rng.Intn(len(files))]
				b, err := os.ReadFile(f)
				if err != nil { // deleted: restore it
					os.WriteFile(f, deleted[f], 0o644)
					check()
					continue
				}
				lines := bytes.SplitAfter(b, []byte("\n"))
				switch rng.Intn(5) {
				case 0:
					i := rng.Intn(len(lines))
					lines = append(lines[:i], lines[i+1:]...)
				case 1:
					i := rng.Intn(len(lines))
					lines = slices.Insert(lines, i, lines[i])
				case 2:
					other, _ := os.ReadFile(files[rng.Intn(len(files))])
					lines = [][]byte{other}
				case 3:
					other := strings.TrimSuffix(filepath.Base(files[rng.Intn(len(files))]), ".py")
					lines = slices.Insert(lines, 0, []byte("from "+other+" import *\n"))
				case 4:
					deleted[f] = b
					os.Remove(f)
					check()
					continue
				}
				edit(t, f, string(bytes.Join(lines, nil)))
				check()
			}
			if python == "none" && partial < 10 {
				t.Errorf("only %d of the edits re-checked part of the tree", partial)
			}
		})
	}
}
