package outcome

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// RunClean drives the fixed cases down both outcomes: nothing leaks.
func RunClean() error {
	for _, fail := range []bool{false, true} {
		work = func() error { return nil }
		if fail {
			work = func() error { return errors.New("failed") }
		}
		_ = errsOrClose()
		_ = errsOrSend()
		_ = errsThenClose()
		_ = bufferedEach(fail, true)
		_ = bufferedEach(fail, false)
	}
	work = func() error { return nil }
	if got := negatedLoop(3); got != 3 {
		return fmt.Errorf("negatedLoop = %d", got)
	}
	return nil
}

// RunLeaks drives the leaking cases down their leaking paths.
func RunLeaks(ctx context.Context) {
	work = func() error { return errors.New("failed") }
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	delay = 20 * time.Millisecond
	_ = errsOrDoneTimeout(cancelled)
	_ = errsAndDone()
	_ = readyThenErr(cancelled)
	waitResult(quietT{}, 0)
	waitResultAssert(quietT{}, 0)
	echoOnce(quietT{}, func() error { return errors.New("write failed") })
	checkReplies(quietT{}, 100)
}

// quietT records failures without a running test.
type quietT struct{ testing.TB }

func (quietT) Errorf(string, ...any) {}
