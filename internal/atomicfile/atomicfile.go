// Package atomicfile writes cache files so that a reader sees the old
// content or the new, never a part: the data goes to a temporary file in
// the same directory, which is then renamed over the target. Two
// processes writing the same target both succeed; the last rename wins.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Write replaces path with data, creating its directory.
func Write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// The pid and the clock keep two writers (two processes, or two
	// goroutines of one) from sharing a temporary file.
	tmp := fmt.Sprintf("%s.%d.%d.tmp", path, os.Getpid(), time.Now().UnixNano())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
