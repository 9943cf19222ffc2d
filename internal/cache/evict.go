package cache

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The bound on a cache directory: at most MaxEntries entries (one per run
// key: a configuration, a binary, a set of paths) and MaxBytes bytes in
// all. An entry of the CPython standard library (1,786 files) is about
// 1 MB, so the bound holds many projects' worth of configurations.
const (
	MaxEntries = 32
	MaxBytes   = 64 << 20
)

// staleTemp is how old an orphaned temporary file (of a killed writer)
// must be before it is removed.
const staleTemp = time.Hour

// evict removes the least recently used entries (Load refreshes an
// entry's time) until the directory is within the bound, keeping keep.
func (c *Cache) evict(keep string) {
	dir := filepath.Dir(c.path(keep))
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type entry struct {
		name string
		size int64
		mod  time.Time
	}
	var entries []entry
	var total int64
	for _, de := range des {
		fi, err := de.Info()
		if err != nil {
			continue
		}
		if strings.HasSuffix(de.Name(), ".tmp") {
			if time.Since(fi.ModTime()) > staleTemp {
				os.Remove(filepath.Join(dir, de.Name()))
			}
			continue
		}
		entries = append(entries, entry{de.Name(), fi.Size(), fi.ModTime()})
		total += fi.Size()
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.mod.Compare(b.mod) })
	n := len(entries)
	for _, e := range entries {
		if n <= MaxEntries && total <= MaxBytes {
			break
		}
		if e.name == keep {
			continue
		}
		if os.Remove(filepath.Join(dir, e.name)) == nil {
			total -= e.size
			n--
		}
	}
}
