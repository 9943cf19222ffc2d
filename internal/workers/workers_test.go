package workers

import (
	"sync/atomic"
	"testing"
)

func TestRunCallsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 50} {
		seen := make([]int32, 20)
		Run(len(seen), workers, func(i int) { atomic.AddInt32(&seen[i], 1) })
		for i, n := range seen {
			if n != 1 {
				t.Fatalf("workers %d: index %d called %d times", workers, i, n)
			}
		}
	}
	Run(0, 0, func(int) { t.Fatal("called with n = 0") })
}
