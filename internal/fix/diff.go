package fix

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// Diff writes a unified diff (3 lines of context, git's a/ b/ labels) of
// every change.
func Diff(w io.Writer, changes []Change) error {
	for _, c := range changes {
		p := strings.TrimPrefix(filepath.ToSlash(c.Path), "/")
		d := udiff.Unified("a/"+p, "b/"+p, string(c.Original), string(c.Fixed))
		if _, err := io.WriteString(w, d); err != nil {
			return err
		}
	}
	return nil
}
