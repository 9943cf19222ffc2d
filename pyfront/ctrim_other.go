//go:build !linux

package pyfront

// trimCHeap does nothing where the C library has no malloc_trim (see
// ctrim_linux.go).
func trimCHeap() {}
