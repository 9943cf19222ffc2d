package trace

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/verify"
)

// FileVersion is the version of the record file's format.
const FileVersion = 1

// File is the record `asynclint trace` leaves in the project, for the
// language server: what the runtime saw, and the content each project
// file it names had when the trace ended, so that a reader can tell which
// files have changed since (their events no longer point at the lines
// they were seen at).
type File struct {
	Version  int       `json:"version"`
	Created  time.Time `json:"created"`
	Command  []string  `json:"command"`
	ExitCode int       `json:"exit_code"`
	// Files maps each project file an event names (its place, or a frame
	// of its stack) to the SHA-256 of its content, in hex. Paths are
	// absolute, as the recorder saw them.
	Files  map[string]string `json:"files"`
	Events []verify.Event    `json:"events"`
}

// DefaultFile is where trace writes its record and the language server
// looks for it: .asynclint/trace.json in the project directory — the one
// holding the pyproject.toml asynclint reads for start (a path checked,
// or the workspace root), else dir.
func DefaultFile(start, dir string) string {
	if p := config.Find(start); p != "" {
		dir = filepath.Dir(p)
	}
	return filepath.Join(dir, ".asynclint", "trace.json")
}

// NewFile is the record of one traced run over the project roots.
func NewFile(rec *Recording, command, roots []string) *File {
	f := &File{Version: FileVersion, Created: time.Now().UTC(), Command: command, ExitCode: rec.ExitCode,
		Files: map[string]string{}, Events: rec.Events}
	if f.Events == nil {
		f.Events = []verify.Event{}
	}
	j := Joiner{Roots: roots}
	note := func(path string) {
		if _, done := f.Files[path]; done || !filepath.IsAbs(path) || !j.inProject(path) {
			return
		}
		if b, err := os.ReadFile(path); err == nil {
			f.Files[path] = Hash(b)
		}
	}
	for _, e := range f.Events {
		note(e.File)
		for _, fr := range e.Stack {
			note(fr.File)
		}
	}
	return f
}

// Hash is a file content's digest as the record keeps it.
func Hash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// Write stores the record at path atomically (a temporary file in the
// same directory, renamed over it), so that a reader sees the old record
// or the new one, never a part. A .asynclint directory it creates gets a
// .gitignore that ignores it, as ruff does for its cache.
func (f *File) Write(path string) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if filepath.Base(dir) == ".asynclint" {
			if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("# Created by asynclint trace.\n*\n"), 0o644); err != nil {
				return err
			}
		}
	}
	data, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".trace-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; left by a failure
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ReadFile reads a record written by Write.
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if f.Version != FileVersion {
		return nil, fmt.Errorf("%s: format version %d, this asynclint reads %d (run asynclint trace again)", path, f.Version, FileVersion)
	}
	return &f, nil
}

// FreshEvents are the record's events that still point at the lines they
// were seen at: an event whose file changed since the trace (its content
// hash, read through content, differs) is left out, and so is a stack
// frame in such a file. keep selects the events wanted at all (a file's
// check needs only those that touch the files it analyses); content is
// asked once per file.
func (f *File) FreshEvents(keep func(verify.Event) bool, content func(path string) ([]byte, bool)) []verify.Event {
	fresh := map[string]bool{}
	isFresh := func(path string) bool {
		ok, done := fresh[path]
		if !done {
			b, found := content(path)
			ok = found && Hash(b) == f.Files[path]
			fresh[path] = ok
		}
		return ok
	}
	var out []verify.Event
	for _, e := range f.Events {
		if !keep(e) {
			continue
		}
		if _, recorded := f.Files[e.File]; !recorded || !isFresh(e.File) {
			continue
		}
		e.Stack = slices.DeleteFunc(slices.Clone(e.Stack), func(fr verify.Frame) bool {
			_, recorded := f.Files[fr.File]
			return recorded && !isFresh(fr.File)
		})
		out = append(out, e)
	}
	return out
}
