package asyncir

import (
	"testing"
	"unsafe"
)

// TestIRSizes: a large module holds hundreds of thousands of ops and
// values and a hundred thousand blocks, each paid for in fresh pages; a
// field added to one of them belongs in its rare part unless most of
// them set it.
func TestIRSizes(t *testing.T) {
	for _, c := range []struct {
		name      string
		size, max uintptr
	}{
		{"Op", unsafe.Sizeof(Op{}), 192},
		{"Value", unsafe.Sizeof(Value{}), 64},
		{"Block", unsafe.Sizeof(Block{}), 160},
	} {
		if c.size > c.max {
			t.Errorf("%s is %d bytes, more than %d", c.name, c.size, c.max)
		}
	}
}
