package sendleak

// static-only: AL154 the runtime shows an unwaited group's goroutines at
// their own blocking lines (AL151's wants), not at the g.Go call AL154
// reports.

import (
	"context"
	"errors"
	"io"

	"golang.org/x/sync/errgroup"
)

// Fixed: a counter of finished workers decides when to stop receiving.
func counted(workers []func() error) error {
	errC := make(chan error)
	for _, w := range workers {
		go func() { errC <- w() }()
	}
	active := len(workers)
	var first error
	for {
		err := <-errC
		if err != nil && first == nil {
			first = err
		}
		active--
		if active == 0 {
			return first
		}
	}
}

// Fixed: a stream read until its end marker.
func streamToEOF(r io.Reader) int {
	c := make(chan int)
	go func() {
		buf := make([]byte, 8)
		for {
			n, err := r.Read(buf)
			if err != nil {
				c <- 0
				return
			}
			c <- n
		}
	}()
	total := 0
	for i := 0; i < 3; i++ {
		total += <-c
	}
	total += <-c
	return total
}

// A stream whose consumer stops ranging early.
func rangeBreak(items []int) int {
	out := make(chan int)
	go func() { // want `goroutine .rangeBreak.func1. can block forever sending on unbuffered channel .out.`
		for _, it := range items {
			out <- it
		}
		close(out)
	}()
	sum := 0
	for v := range out {
		if v < 0 {
			break
		}
		sum += v
	}
	return sum
}

// Fixed: the consumer ranges to the end.
func rangeAll(items []int) int {
	out := make(chan int)
	go func() {
		for _, it := range items {
			out <- it
		}
		close(out)
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

type page struct{ err error }

func get(ctx context.Context, u string) page { return page{err: errors.New(u)} }

// Fan-out with errgroup: the consumer returns at the first error while
// the other workers block on their sends (and the group is not waited).
func fanOut(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	results := make(chan page)
	for _, u := range urls {
		g.Go(func() error { // want `work started on .g. is not waited for`
			results <- get(ctx, u) // want `goroutine .fanOut.func1. can block forever sending on unbuffered channel .results.`
			return nil
		})
	}
	for range urls {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return g.Wait()
}

// Fixed: the workers' sends watch the group's context.
func fanOutSelect(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan page)
	for _, u := range urls {
		g.Go(func() error {
			select {
			case results <- get(gctx, u):
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	}
	go func() {
		g.Wait()
		close(results)
	}()
	for r := range results {
		if r.err != nil {
			return r.err
		}
	}
	return g.Wait()
}

type job struct{ n int }
type res struct{ err error }

func worker(jobs <-chan job, results chan<- res) {
	for j := range jobs {
		results <- res{err: errors.New("failed")}
		_ = j
	}
}

// A worker pool whose collector returns at the first error.
func pool(js []job) error {
	jobs := make(chan job, len(js))
	results := make(chan res)
	for i := 0; i < 4; i++ {
		go worker(jobs, results) // want `goroutine .worker. can block forever sending on unbuffered channel .results.`
	}
	for _, j := range js {
		jobs <- j
	}
	close(jobs)
	for range js {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return nil
}

// Fixed: collect every result, then report the first error.
func poolAll(js []job) error {
	jobs := make(chan job, len(js))
	results := make(chan res)
	for i := 0; i < 4; i++ {
		go worker(jobs, results)
	}
	for _, j := range js {
		jobs <- j
	}
	close(jobs)
	var first error
	for range js {
		if r := <-results; r.err != nil && first == nil {
			first = r.err
		}
	}
	return first
}

// Fixed: two goroutines, two receives (a count the loop states).
func twoOfTwo() {
	done := make(chan bool)
	for i := 0; i < 2; i++ {
		go func() { done <- true }()
	}
	<-done
	<-done
}

// Fixed: a new channel per iteration, received in the same iteration.
func perIteration(cmds []func() string) {
	for _, c := range cmds {
		out := make(chan string)
		go func() { out <- c() }()
		_ = <-out
	}
}

// Fixed: goroutines started one after another, each awaited.
func sequential() {
	sync := make(chan struct{})
	go func() { sync <- struct{}{} }()
	<-sync
	go func() { sync <- struct{}{} }()
	<-sync
}

// Fixed: range over an int counts the receives.
func rangeInt(n int) []int {
	ch := make(chan int)
	for i := range n {
		go func() { ch <- i }()
	}
	var out []int
	for range n {
		out = append(out, <-ch)
	}
	return out
}

// Range over an int, returning at the first error.
func rangeIntEarly(n int) error {
	ch := make(chan error)
	for range n {
		go func() { ch <- errors.New("failed") }() // want `can block forever sending on unbuffered channel .ch.`
	}
	for range n {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}
