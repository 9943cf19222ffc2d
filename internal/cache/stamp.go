package cache

import "os"

// Stamp is what a stat says of a file: the shortcut that spares reading
// it when nothing changed (ruff compares the same two numbers).
type Stamp struct {
	Path    string
	Size    int64
	ModTime int64 // nanoseconds since the epoch; -1 when the file is missing
	Dir     bool
}

// StampOf stats path; a missing or unreadable path has ModTime -1, so its
// appearance later is a change.
func StampOf(path string) Stamp {
	fi, err := os.Stat(path)
	if err != nil {
		return Stamp{Path: path, ModTime: -1}
	}
	return Stamp{Path: path, Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Dir: fi.IsDir()}
}

// Unchanged reports whether every stamp still holds.
func Unchanged(stamps []Stamp) bool {
	for _, s := range stamps {
		if StampOf(s.Path) != s {
			return false
		}
	}
	return true
}

// Stamps stats each path.
func Stamps(paths []string) []Stamp {
	out := make([]Stamp, len(paths))
	for i, p := range paths {
		out[i] = StampOf(p)
	}
	return out
}
