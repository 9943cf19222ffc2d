package asyncir

import (
	"cmp"
	"fmt"
	"slices"
)

// ApplyEdits applies non-overlapping edits (byte offsets) to src. Edits
// are applied in position order; overlapping edits are an error so the
// caller can decide which fix wins.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset), cmp.Compare(a.Range.End.Offset, b.Range.End.Offset))
	})
	var out []byte
	last := 0
	for _, e := range sorted {
		s, t := int(e.Range.Start.Offset), int(e.Range.End.Offset)
		if s < last || t < s || t > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps or lies outside the file", s, t)
		}
		out = append(out, src[last:s]...)
		out = append(out, e.NewText...)
		last = t
	}
	return append(out, src[last:]...), nil
}
