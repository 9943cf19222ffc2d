package hugeheap

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"unsafe"
)

const (
	hugePage     = 2 << 20
	madvHugePage = 14 // MADV_HUGEPAGE
)

// reserve allocates size bytes (fresh memory from the kernel: the heap
// maps it without touching it), advises huge pages for the whole 2 MB
// pages in it and frees it. Only in THP's madvise mode: with "always"
// the heap has huge pages already, with "never" it cannot. The region is
// at most a quarter of the machine's memory: the mapping is not touched,
// but a strict overcommit policy counts it.
func reserve(size int) {
	if !madviseMode() {
		return
	}
	if total := memTotal(); total > 0 && size > total/4 {
		size = total / 4
	}
	if size < 4*hugePage {
		return
	}
	b := make([]byte, size)
	advise(b)
	b = nil
	runtime.GC() // frees the region for the heap to grow into
}

// advise marks the whole huge pages of b MADV_HUGEPAGE.
func advise(b []byte) {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p+hugePage-1)&^(hugePage-1) - p
	end := (p+uintptr(len(b)))&^(hugePage-1) - p
	if end > start {
		syscall.Madvise(b[start:end], madvHugePage)
	}
}

// madviseMode reports whether the kernel gives transparent huge pages to
// the regions that ask for them only.
func madviseMode() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// memTotal is the machine's memory in bytes, 0 when unknown.
func memTotal() int {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("MemTotal:")); ok {
			kb, err := strconv.Atoi(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))))
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
