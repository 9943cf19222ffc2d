package pyfront

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestSlabHandsOutDistinctZeroedObjects: every object a slab hands out
// is its own and zeroed, across chunks; and a slab that handed out many
// allocates far fewer times than it hands out.
func TestSlabHandsOutDistinctZeroedObjects(t *testing.T) {
	var s slab[asyncir.Op]
	seen := map[*asyncir.Op]bool{}
	for i := range 10000 {
		op := s.new()
		if seen[op] {
			t.Fatalf("object %d handed out twice", i)
		}
		if op.Kind != 0 || op.Var != "" || op.Index != 0 {
			t.Fatalf("object %d not zeroed: %+v", i, op)
		}
		seen[op] = true
		op.Kind, op.Var, op.Index = asyncir.OpStore, "x", int32(i)
	}
	allocs := testing.AllocsPerRun(10, func() {
		for range maxChunk {
			s.new()
		}
	})
	if allocs > 2 {
		t.Errorf("%d objects took %v allocations", maxChunk, allocs)
	}
}
