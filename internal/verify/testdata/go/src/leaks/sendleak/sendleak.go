// Package sendleak: a goroutine sends on an unbuffered channel whose
// receiver returned first (AL151).
package sendleak

import (
	"context"
	"errors"
)

func work() int { return 1 }

// Fetch gives up when ctx is done; the sender then blocks forever.
func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work() // want `AL151`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// RunCancelled calls Fetch with a context that is already cancelled until
// the select takes ctx.Done() (it picks at random when both are ready).
func RunCancelled() error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 100 {
		if _, err := Fetch(ctx); errors.Is(err, context.Canceled) {
			return err
		}
	}
	return errors.New("the select never took ctx.Done()")
}
