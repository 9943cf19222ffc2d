//go:build linux

package pyfront

/*
#include <stddef.h>

// malloc_trim is glibc's; declared weak, it is NULL under a C library
// without it.
extern int malloc_trim(size_t pad) __attribute__((weak));

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
