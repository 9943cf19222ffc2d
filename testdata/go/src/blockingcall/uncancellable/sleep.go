package uncancellable

import (
	"context"
	"errors"
	"time"
)

func (c *client) try(ctx context.Context) error { return errors.New("busy") }

// A retry loop that sleeps without watching ctx.
func (c *client) Do(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		if err := c.try(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * time.Second) // want "`time.Sleep` blocks without observing `ctx`: cancelling the context does not interrupt it"
	}
	return nil
}

// RunRetry retries with a context the harness cancels: the sleeps go on.
func RunRetry(ctx context.Context) error {
	return (&client{}).Do(ctx)
}

// Fixed: a short sleep in a loop that checks ctx on every iteration (a
// negated loop condition): cancellation is seen within one sleep.
func poll(ctx context.Context, ready func() bool) error {
	for !ready() {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// RunPoll polls until the harness cancels ctx: it returns within a sleep.
func RunPoll(ctx context.Context) error {
	return poll(ctx, func() bool { return false })
}

// The same loop with a long sleep outlives the context by up to a minute.
func pollSlowly(ctx context.Context, ready func() bool) error {
	for !ready() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		time.Sleep(time.Minute) // want "`time.Sleep` blocks without observing `ctx`: cancelling the context does not interrupt it \\(cancellation waits up to 1m0s\\)"
	}
	return nil
}

// RunPollSlowly is still asleep long after the harness cancels ctx.
func RunPollSlowly(ctx context.Context) error {
	return pollSlowly(ctx, func() bool { return false })
}

// Fixed: one short pause delays cancellation by at most that pause.
func settle(ctx context.Context) error {
	time.Sleep(10 * time.Millisecond)
	return ctx.Err()
}

// RunSettle returns right after its pause.
func RunSettle(ctx context.Context) error { return settle(ctx) }
