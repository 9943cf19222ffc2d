package pyfront

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/asynclint/asynclint/internal/atomicfile"
)

// The library cache's bound. Its files are keyed by what they were made
// from — an installed file's path, size and modification time, a text's
// hash and the executable's identity — so nothing ever overwrites an
// entry another build or another version of a package made: each rebuilt
// asynclint starts a new set of trees. Left alone the directory only
// grows (a day of rebuilds on one machine left 72 MB in 3,582 trees). So
// a run that wrote to it removes the least recently used files once the
// whole holds more than libCacheMaxBytes, down to libCacheKeepBytes; a
// file's modification time is its last use (readLibCache refreshes it).
// Files no current layout writes (reduced copies of an older format) go
// at once. Listing a large cache costs tens of milliseconds (4,700 files:
// 30-50 ms), so it is done at most once per libCacheUsed, and only by a
// run that wrote; a run that only reads pays nothing.
const (
	libCacheMaxBytes  = 128 << 20
	libCacheKeepBytes = libCacheMaxBytes / 4 * 3
)

// libCacheUsed is how stale a file's last-use mark may be before a read
// writes it again: a warm run reads hundreds of files, and an hour is
// fine grain for an eviction order.
const libCacheUsed = time.Hour

// libCacheSubdirs are the directories of the current layout (libindex.go,
// libtrees.go, libchunks.go); package verdicts (libsync.go) are files named pkg-*, and
// libCachePruned marks when the directory was last pruned.
var libCacheSubdirs = []string{"split", "trees", "chunks"}

const libCachePruned = "pruned"

// pruneLibCacheNow reports whether the cache in dir was not pruned
// within libCacheUsed, and marks it pruned now.
func pruneLibCacheNow(dir string) bool {
	marker := filepath.Join(dir, libCachePruned)
	if info, err := os.Stat(marker); err == nil && time.Since(info.ModTime()) < libCacheUsed {
		return false
	}
	return atomicfile.Write(marker, nil) == nil
}

// readLibCache reads a library cache file and marks it used.
func readLibCache(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := make([]byte, info.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, err
	}
	if now := time.Now(); now.Sub(info.ModTime()) > libCacheUsed {
		os.Chtimes(path, now, now)
	}
	return b, nil
}

// pruneLibCache bounds the library cache directory dir: once it holds
// more than max bytes, the least recently used files go until it holds
// at most keep.
func pruneLibCache(dir string, max, keep int64) {
	type file struct {
		path string
		size int64
		mod  time.Time
	}
	var files []file
	var total int64
	add := func(d string, keep func(string) bool) {
		des, err := os.ReadDir(d)
		if err != nil {
			return
		}
		for _, de := range des {
			p := filepath.Join(d, de.Name())
			if de.IsDir() {
				continue
			}
			info, err := de.Info()
			if err != nil {
				continue
			}
			switch {
			case strings.HasSuffix(de.Name(), ".tmp"):
				// A killed writer's temporary file (internal/atomicfile).
				if time.Since(info.ModTime()) > libCacheUsed {
					os.Remove(p)
				}
			case !keep(de.Name()):
				os.Remove(p)
			default:
				files = append(files, file{p, info.Size(), info.ModTime()})
				total += info.Size()
			}
		}
	}
	add(dir, func(name string) bool { return strings.HasPrefix(name, "pkg-") || name == libCachePruned })
	for _, sub := range libCacheSubdirs {
		add(filepath.Join(dir, sub), func(string) bool { return true })
	}
	if total <= max {
		return
	}
	slices.SortFunc(files, func(a, b file) int { return a.mod.Compare(b.mod) })
	for _, f := range files {
		if total <= keep {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
		}
	}
}
