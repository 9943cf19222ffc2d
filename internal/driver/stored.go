package driver

import (
	"path/filepath"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
)

// Stored is what the result cache holds for one file of a workspace.
type Stored struct {
	// Hash is the SHA-256 of the text the findings are for.
	Hash        string
	Diagnostics []asyncir.Diagnostic // paths absolute
}

// StoredFindings returns the findings the run `asynclint check .` in root
// left in c, for each file (by absolute path) whose findings still hold
// for the text on disk: its import component is unchanged (cache
// package doc), or, when that run read installed libraries, nothing it
// read has changed. A language server shows them while its own first
// check runs. It reads and hashes only files whose stamps changed.
func StoredFindings(c *cache.Cache, root string, cfg *config.Config) map[string]Stored {
	opts := Options{Paths: []string{"."}, Config: cfg}
	old := c.Load(keyFor(c, root, opts.Paths, cfg))
	if old == nil || old.Unplaced {
		return nil
	}
	env := library(cfg, []string{root})
	if old.Python != env.python || !slices.Equal(old.Sites, env.sites) || !cache.Unchanged(old.Library) {
		return nil
	}
	abs, _, err := PythonFiles([]string{root}, cfg)
	if err != nil {
		return nil
	}
	// The entry's paths are relative to root, as `check .` shows them;
	// stat and read the files by their absolute paths.
	rel := make([]string, len(abs))
	for i, p := range abs {
		if rel[i], err = filepath.Rel(root, p); err != nil {
			return nil
		}
	}
	prev := *old
	prev.Files = slices.Clone(old.Files)
	for i := range prev.Files {
		prev.Files[i].Path = filepath.Join(root, prev.Files[i].Path)
	}
	files, _ := cache.Manifest(abs, &prev)
	for i := range files {
		files[i].Path = rel[i]
	}
	stored := map[string][]asyncir.Diagnostic{}
	for _, sc := range old.Components {
		stored[sc.Key] = sc.Diagnostics
	}
	comps := cache.Components(files)
	out := map[string]Stored{}
	for _, members := range comps {
		diags, ok := stored[cache.ComponentKey(files, members)]
		if !ok {
			if old.LibraryFiles > 0 {
				return nil // the components are not independent
			}
			continue
		}
		byFile := map[string][]asyncir.Diagnostic{}
		for _, d := range diags {
			byFile[d.Range.File] = append(byFile[d.Range.File], d)
		}
		for _, fi := range members {
			if files[fi].Hash == "" || files[fi].Warning != "" {
				continue
			}
			ds := byFile[files[fi].Path]
			for i := range ds {
				ds[i] = ds[i].MapFiles(func(p string) string { return join(root, p) })
			}
			out[abs[fi]] = Stored{Hash: files[fi].Hash, Diagnostics: ds}
		}
	}
	return out
}

// join makes a path the entry shows relative to root absolute.
func join(root, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}
