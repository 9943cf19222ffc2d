package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"time"

	"github.com/asynclint/asynclint/internal/workers"
)

// File is what the cache knows of one input file.
type File struct {
	Stamp
	// Hash is the content's SHA-256 ("" when it could not be read).
	Hash string
	// Imports are the names it may import (ImportNames).
	Imports []string
	// Lines counts its lines, for --statistics.
	Lines int
	// Warning is why the frontend skipped the file ("" when it did not);
	// Lowered, whether the frontend lowered it. Both are results of the
	// run, filled by the driver.
	Warning string
	Lowered bool
}

// racyWindow: a file modified this close to when the entry was written
// may have changed again within the clock's resolution without its
// stamp changing (git's "racy clean" problem), so it is hashed again.
const racyWindow = 2 * time.Second

// Manifest describes paths, taking each unchanged file (same stamp, not
// racy) from old, reading and hashing the others in parallel. changed
// counts the files read.
func Manifest(paths []string, old *Entry) (files []File, changed int) {
	prev := map[string]*File{}
	var written int64
	if old != nil {
		written = old.Written
		for i := range old.Files {
			prev[old.Files[i].Path] = &old.Files[i]
		}
	}
	files = make([]File, len(paths))
	read := make([]bool, len(paths))
	workers.Run(len(paths), 0, func(i int) {
		st := StampOf(paths[i])
		if p := prev[paths[i]]; p != nil && p.Stamp == st && st.ModTime < written-int64(racyWindow) {
			files[i] = *p
			return
		}
		files[i] = Describe(st)
		if p := prev[paths[i]]; p != nil && p.Hash == files[i].Hash && p.Hash != "" {
			// Touched but not changed: the stored results still hold.
			files[i].Warning, files[i].Lowered = p.Warning, p.Lowered
		}
		read[i] = true
	})
	for _, r := range read {
		if r {
			changed++
		}
	}
	return files, changed
}

// Describe reads the file st stamps.
func Describe(st Stamp) File {
	f := File{Stamp: st}
	b, err := os.ReadFile(st.Path)
	if err != nil {
		return f
	}
	f.Hash = ContentHash(b)
	f.Imports = ImportNames(b)
	f.Lines = bytes.Count(b, []byte{'\n'})
	if len(b) > 0 && b[len(b)-1] != '\n' {
		f.Lines++
	}
	return f
}

// ContentHash is the digest File.Hash holds for a file's content.
func ContentHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
