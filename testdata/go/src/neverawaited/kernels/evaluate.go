package kernels

import (
	"context"
	"errors"
	"time"
)

// An expression evaluator that runs the evaluation in a named function
// reporting on an unbuffered error channel or a value channel, while the
// caller also gives up when the context is done (modelled on
// PaesslerAG/gval#107): the evaluation's send blocks forever.
func evaluate(expr func() (int, error), out chan<- int, errCh chan<- error) {
	v, err := expr()
	if err != nil {
		errCh <- err
		return
	}
	out <- v
}

func EvalWithContext(ctx context.Context, expr func() (int, error)) (int, error) {
	out := make(chan int)
	errCh := make(chan error)
	go evaluate(expr, out, errCh) // want `goroutine .evaluate. can block forever sending on unbuffered channel .out.: .EvalWithContext. can return before receiving every value \(AL151\)`
	select {
	case v := <-out:
		return v, nil
	case err := <-errCh:
		return 0, err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Fixed: both channels hold the one outcome.
func EvalWithContextFixed(ctx context.Context, expr func() (int, error)) (int, error) {
	out := make(chan int, 1)
	errCh := make(chan error, 1)
	go evaluate(expr, out, errCh)
	select {
	case v := <-out:
		return v, nil
	case err := <-errCh:
		return 0, err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// RunEval drives the bug and drops every reference to it.
func RunEval(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	_, _ = EvalWithContext(ctx, slowFailure)
	time.Sleep(50 * time.Millisecond)
}

func slowFailure() (int, error) {
	time.Sleep(20 * time.Millisecond)
	return 0, errors.New("bad")
}

// RunEvalFixed drives the fixed twin down the same path.
func RunEvalFixed(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	_, _ = EvalWithContextFixed(ctx, slowFailure)
	time.Sleep(50 * time.Millisecond)
}
