// Package clean: the same shape with a buffered channel; nothing leaks.
package clean

import "context"

func work() int { return 1 }

func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- work()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func RunCancelled() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 100 { // the select picks at random when both cases are ready
		Fetch(ctx)
	}
}

func RunLive(ctx context.Context) error {
	_, err := Fetch(ctx)
	return err
}
