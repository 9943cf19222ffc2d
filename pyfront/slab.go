package pyfront

import "slices"

// A module's ops, values, blocks and symbols, and the first room of its
// blocks' op lists and its values' use lists, are most of what lowering
// allocates (the 10 MB generated module: over two million of them), each
// its own heap object until the run ends. A slab hands them out from
// chunks of several, one allocation a chunk.
//
// Each module has slabs of its own: a chunk then holds one module's
// objects only, so a module dropped (a session's edited module, a
// library module read and discarded) frees its chunks with the rest of
// its IR. An object of it still referenced keeps its module
// (Func.Module) and so all of the module's IR alive anyway, chunked or
// not.

// maxChunk bounds a chunk: 128 ops are 24 KB, a small object still.
const maxChunk = 128

// chunkShare is the part of what a slab handed out so far that its next
// chunk holds: a module's last chunk is mostly unused, and its pages
// cost more than the allocations it saved, so chunks grow with the
// module (its first objects come one at a time) and the unused tail
// stays a few percent of what the module took.
const chunkShare = 32

// slab hands out zeroed T's, from chunks once it handed out a few.
type slab[T any] struct {
	free []T
	made int
}

// new returns a zeroed T.
func (s *slab[T]) new() *T {
	if !s.fill(1) {
		return new(T)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// room returns an empty slice with room for n T's, for appending to.
func (s *slab[T]) room(n int) []T {
	if !s.fill(n) {
		return make([]T, 0, n)
	}
	r := s.free[:0:n]
	s.free = s.free[n:]
	return r
}

// fill makes sure the current chunk has n T's left, starting a new one
// when it has not; it reports false while s hands out one at a time.
func (s *slab[T]) fill(n int) bool {
	s.made += n
	if len(s.free) >= n {
		return true
	}
	size := min(maxChunk, s.made/chunkShare)
	if size < 2*n {
		return false
	}
	// Grow, as append does, rounds the room up to what the allocator
	// hands out for it (a chunk of objects with pointers also carries
	// a header): all of it is used.
	s.free = slices.Grow([]T(nil), size)
	s.free = s.free[:cap(s.free)]
	return true
}
