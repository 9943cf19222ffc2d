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

// TestSlabRoomDoesNotOverlap: the room a slab hands out is empty, holds
// what it was asked for, and appending to it up to its capacity never
// writes into another's; appending past it moves out of the chunk.
func TestSlabRoomDoesNotOverlap(t *testing.T) {
	var s slab[int]
	var rooms [][]int
	for i := range 5000 {
		r := s.room(4)
		if len(r) != 0 || cap(r) != 4 {
			t.Fatalf("room %d: len %d cap %d, want 0 and 4", i, len(r), cap(r))
		}
		for k := range 4 {
			r = append(r, i*4+k)
		}
		rooms = append(rooms, r)
	}
	rooms[0] = append(rooms[0], -1)
	for i, r := range rooms {
		for k := range 4 {
			if r[k] != i*4+k {
				t.Fatalf("room %d holds %v: another room wrote into it", i, r)
			}
		}
	}
}
