package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// TestHeapGrowsIntoHugePages checks that what the heap hands out after
// reserve lies, nearly all of it, in mappings marked for huge pages ("hg"
// in /proc/self/smaps' VmFlags). Some may come from what the heap had
// mapped before.
func TestHeapGrowsIntoHugePages(t *testing.T) {
	if !madviseMode() {
		t.Skip("transparent huge pages are not in madvise mode here (/sys/kernel/mm/transparent_hugepage/enabled)")
	}
	reserve(256 << 20)
	var objs [][]byte
	marked := 0
	for range 48 {
		b := make([]byte, 4<<20)
		objs = append(objs, b)
		flags, err := vmFlags(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(" "+flags+" ", " hg ") {
			marked++
		}
	}
	if marked < len(objs)*3/4 {
		t.Errorf("%d of %d objects allocated after reserve lie in mappings marked for huge pages, want nearly all", marked, len(objs))
	}
}

// TestMemTotal reads the machine's memory.
func TestMemTotal(t *testing.T) {
	if n := memTotal(); n < 64<<20 {
		t.Errorf("memTotal() = %d, want the machine's memory", n)
	}
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			in = lo <= addr && addr < hi
			continue
		}
		if in {
			if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok {
				return strings.TrimSpace(rest), nil
			}
		}
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}
