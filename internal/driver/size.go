package driver

import (
	"fmt"
	"os"
)

// dropLarge removes the Python files larger than limit, with a one-line
// warning each: lowering a module peaks at about 50–60 bytes of memory
// per byte of source (BenchmarkCheckLargeModule), so a generated
// multi-megabyte module costs hundreds of megabytes while holding
// nothing worth linting. Overlay content counts as the
// file's size.
func dropLarge(paths []string, overlay map[string][]byte, limit int64) (kept, warnings []string) {
	for _, p := range paths {
		size := int64(-1)
		if b, ok := overlay[p]; ok {
			size = int64(len(b))
		} else if fi, err := os.Stat(p); err == nil {
			size = fi.Size()
		}
		if size > limit {
			warnings = append(warnings, fmt.Sprintf("%s: %d bytes, larger than the limit of %d (max-file-size), skipped", p, size, limit))
			continue
		}
		kept = append(kept, p)
	}
	return kept, warnings
}
