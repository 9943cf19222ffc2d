// Package sleepy: a retry loop that sleeps without watching its context
// (AL251).
package sleepy

import (
	"context"
	"time"
)

func RunRetry(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Minute) // want "AL251"
	}
	return nil
}
