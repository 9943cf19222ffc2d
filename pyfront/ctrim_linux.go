//go:build linux

package pyfront

/*
#include <stddef.h>

// malloc_trim and mallopt are glibc's; declared weak, they are NULL under
// a C library without them.
extern int malloc_trim(size_t pad) __attribute__((weak));
extern int mallopt(int param, int value) __attribute__((weak));

// M_ARENA_MAX in glibc's malloc.h.
#define ARENA_MAX (-8)

// one_c_arena runs before the Go runtime starts threads. A cgo call runs
// on whichever thread the scheduler gives it, and glibc hands every new
// thread an arena of its own that keeps what tree-sitter freed there:
// the parses of a run spread over many arenas, each holding up to the
// largest tree parsed on it, unless each large parse is trimmed — and the
// next parse faults the trimmed pages in again. One arena serves every
// parse from the memory the previous ones freed (the stdlib, cold: about
// 0.2 s less CPU, the same peak as trimming after each parse of 128 KB).
__attribute__((constructor)) static void one_c_arena(void) {
	if (mallopt) {
		mallopt(ARENA_MAX, 1);
	}
}

static void trim_c_heap(void) {
	if (malloc_trim) {
		malloc_trim(0);
	}
}
*/
import "C"

// trimCHeap returns the C heap's free memory to the system: what
// tree-sitter's trees and parse stacks used otherwise stays resident in
// the C library's per-thread arenas, up to the largest parse each thread
// ran, while the run goes on.
func trimCHeap() { C.trim_c_heap() }
