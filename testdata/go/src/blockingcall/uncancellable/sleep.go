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
