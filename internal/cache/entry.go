package cache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/atomicfile"
)

// Entry is everything one run key stores: the files as they were, the
// findings per component, and what the installed libraries contributed.
type Entry struct {
	// Written is when the entry was made (nanoseconds since the epoch).
	Written int64
	Files   []File
	// Components hold the findings of each connected part of Files.
	Components []Component
	// Library stamps the site directories and installed files read;
	// LibraryFiles counts the files read (components are reused only
	// when it is 0, see the package doc).
	Library      []Stamp
	LibraryFiles int
	// Python is the interpreter whose environment was read, Sites its
	// import directories (a shim like pyenv's keeps its path when the
	// interpreter behind it changes; the directories change).
	Python string
	Sites  []string
	// Unplaced is set when a finding fell in no input file; its
	// component (key "unplaced") ties all the others together.
	Unplaced bool
}

// Component is one connected part of the import graph and its findings.
type Component struct {
	// Key hashes the members' paths and contents (ComponentKey).
	Key         string
	Diagnostics []asyncir.Diagnostic
}

// header starts every entry file: a reader of another format sees a
// mismatch, not garbage.
const header = "asynclint-cache " + FormatVersion + "\n"

// Cache is one cache directory.
type Cache struct {
	Dir string
	// Version names the binary (default Version()); tests set it.
	Version string
}

// Open returns the cache in dir, creating nothing until a Store.
func Open(dir string) *Cache {
	return &Cache{Dir: dir, Version: Version()}
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, "v"+FormatVersion, key)
}

// Load returns the entry stored under key, or nil when there is none or
// it does not decode (a corrupt or foreign file is ignored: the run
// computes afresh and overwrites it). A hit refreshes the entry's age for
// eviction.
func (c *Cache) Load(key string) *Entry {
	p := c.path(key)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	e, err := decode(b)
	if err != nil {
		return nil
	}
	now := time.Now()
	os.Chtimes(p, now, now)
	return e
}

func decode(b []byte) (e *Entry, err error) {
	if !bytes.HasPrefix(b, []byte(header)) {
		return nil, errors.New("not an asynclint cache entry")
	}
	defer func() {
		// gob reports malformed input as errors; a panic on some
		// corruption it did not foresee must not end the run either.
		if r := recover(); r != nil {
			e, err = nil, errors.New("corrupt cache entry")
		}
	}()
	e = &Entry{}
	if err := gob.NewDecoder(bytes.NewReader(b[len(header):])).Decode(e); err != nil {
		return nil, err
	}
	return e, nil
}

// Store writes e under key atomically, then evicts old entries (evict.go).
func (c *Cache) Store(key string, e *Entry) error {
	var buf bytes.Buffer
	buf.WriteString(header)
	if err := gob.NewEncoder(&buf).Encode(e); err != nil {
		return err
	}
	if err := writeTag(c.Dir); err != nil {
		return err
	}
	if err := atomicfile.Write(c.path(key), buf.Bytes()); err != nil {
		return err
	}
	c.evict(key)
	return nil
}
