//go:build linux

package pyfront

/*
#include <stddef.h>

// malloc_trim is glibc's; declared weak, it is NULL under a C library
// without it.
extern int malloc_trim(size_t pad) __attribute__((weak));

// No M_ARENA_MAX=1: with one arena the two parse workers of a run wait
// on its lock (the stdlib, cold, idle machine: 2.4 -> 3.2 s wall, 4.4 ->
// 5.6 s CPU); each thread's arena instead keeps what its parses freed
// for its next ones (about 18 MB more peak on the stdlib).
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
