// Package atomicfile writes cache files so that a reader sees the old
// content or the new, never a part: the data goes to a temporary file in
// the same directory, which is then renamed over the target. Two
// processes writing the same target both succeed; the last rename wins.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"
)

var seq atomic.Int64

// Write replaces path with data, creating its directory.
func Write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// The pid keeps two processes from sharing a temporary file, the
	// counter two goroutines of one, the clock a reused pid.
	tmp := fmt.Sprintf("%s.%d.%d.%d.tmp", path, os.Getpid(), seq.Add(1), time.Now().UnixNano())
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
