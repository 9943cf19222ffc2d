package sendleak

import (
	"context"
	"errors"
	"time"
)

// RunLeaks drives each wanted leak of sendleak.go down its leaking path,
// one after another (the package variables it swaps are not shared with
// another Run function).
func RunLeaks(ctx context.Context) {
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	delay = 20 * time.Millisecond
	selectCtx(cancelled)
	timeoutAfter = 0
	timeout()
	check = func() error { return errors.New("failed") }
	earlyReturn()
	twoSends()
	firstWins([]string{"a", "b", "c"})
	stopAtError([]string{"a", "b", "c"})
	rangeBreak([]int{-1, 2, 3})
	_ = fanOut(ctx, []string{"a", "b", "c"})
	_ = pool([]job{{1}, {2}, {3}})
	_ = rangeIntEarly(3)
}
