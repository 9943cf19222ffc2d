package reply

import (
	"context"
	"time"
)

// RunLeaks gives up on both requests before the loop answers: the loop
// blocks on its reply send with nobody left to receive.
func RunLeaks(ctx context.Context) {
	delay = 20 * time.Millisecond
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, _ = newServer().lookup(cancelled, "a")
	_, _ = newServer().count(cancelled)
	time.Sleep(40 * time.Millisecond)
}

// RunClean waits, or leaves a slot for the answer.
func RunClean(ctx context.Context) {
	s := newServer()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, _ = s.lookupBuffered(cancelled, "a")
	_ = s.countWait()
	close(s.quit)
}
