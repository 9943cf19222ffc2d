// Package detached holds AL351 cases: root contexts made where a context
// already exists.
package detached

// static-only: AL351 the detached contexts reach a database and a request
// handler; showing the lost cancel needs a driver that observes it.

import (
	"context"
	"database/sql"
	"net/http"
	"runtime/pprof"
	"time"
)

type store struct{ db *sql.DB }

func (s *store) get(ctx context.Context, id string) *sql.Row {
	return s.db.QueryRowContext(context.Background(), "select 1", id) // want "`context.Background\\(\\)` cuts off `ctx`: its cancellation and deadline do not reach the work this context is passed to"
}

// Fixed.
func (s *store) getFixed(ctx context.Context, id string) *sql.Row {
	return s.db.QueryRowContext(ctx, "select 1", id)
}

func handler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.TODO(), time.Second) // want "`context.TODO\\(\\)` cuts off `r.Context\\(\\)`"
	defer cancel()
	_ = ctx
}

// No context to cut off.
func main2() {
	ctx := context.Background()
	_ = ctx.Err()
}

// A goroutine that does not capture ctx detaches on purpose: its own
// function has no context.
func detachOnPurpose(ctx context.Context) {
	go func() {
		c, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = c
	}()
}

type valuesOnly struct {
	context.Context
	values context.Context
}

// A values-only context: the root is stored, not passed on.
func preserveValues(ctx context.Context) context.Context {
	return &valuesOnly{Context: context.Background(), values: ctx}
}

// A dial that must outlive the caller: the context derived from a fresh
// root is only kept with the request it serves (go-redis's
// ConnPool.queuedNewConn, whose goroutine dials with it after the caller
// gave up).
type wantConn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func queueDial(ctx context.Context, queue chan<- *wantConn) error {
	dialCtx, cancel := context.WithCancel(context.Background())
	queue <- &wantConn{ctx: dialCtx, cancel: cancel}
	return ctx.Err()
}

// The same derived context handed to the work: cut off.
func dialNow(ctx context.Context, db *sql.DB) error {
	dialCtx, cancel := context.WithCancel(context.Background()) // want "`context.Background\\(\\)` cuts off `ctx`"
	defer cancel()
	return db.PingContext(dialCtx)
}

// A printf-style logger that takes a context reads only its values:
// logging with a fresh root cuts nothing off (go-redis's
// internal.Logger.Printf).
type logging interface {
	Printf(ctx context.Context, format string, v ...interface{})
}

var logger logging

func logDuplicate(ctx context.Context, id string) error {
	logger.Printf(context.Background(), "duplicate %s", id)
	return ctx.Err()
}

// A call of the same shape that returns an error does work the context
// could stop: cut off.
func notify(ctx context.Context, format string, args ...any) error { return ctx.Err() }

func notifyDuplicate(ctx context.Context, id string) error {
	_ = ctx
	return notify(context.Background(), "duplicate %s", id) // want "`context.Background\\(\\)` cuts off `ctx`"
}

// Resetting the goroutine's profiler labels reads only the context's
// values: nothing is cut off (kafka-go's transport does this).
func labelled(ctx context.Context) {
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(context.Background())
	_ = ctx.Err()
}

// A graceful shutdown once ctx is done: ctx is already cancelled there,
// so the shutdown needs a root of its own (syncthing's discovery server).
func serve(ctx context.Context, srv *http.Server) {
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	_ = srv.ListenAndServe()
}

// The same after a select that ctx.Done() is one case of: the last
// report must still go out when ctx was the reason to stop.
func report(ctx context.Context, c *http.Client, events <-chan *http.Request) {
	var last *http.Request
	select {
	case <-ctx.Done():
	case last = <-events:
	}
	timeout, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if last != nil {
		_, _ = c.Do(last.WithContext(timeout))
	}
}

// Before ctx is done, a fresh root cuts it off.
func reportFirst(ctx context.Context, c *http.Client, first *http.Request) {
	timeout, cancel := context.WithTimeout(context.Background(), time.Second) // want "`context.Background\\(\\)` cuts off `ctx`"
	defer cancel()
	_, _ = c.Do(first.WithContext(timeout))
	<-ctx.Done()
}

// An unnamed context parameter is unused on purpose, as one named _ is
// (pgx's CancelRequestContextWatcherHandler.HandleCancel implements an
// interface and starts work that must outlive the call): the function
// has no context of its own to cut off.
type canceller struct{ stop context.CancelFunc }

func (h *canceller) HandleCancel(context.Context) {
	var watch context.Context
	watch, h.stop = context.WithCancel(context.Background())
	go func() { <-watch.Done() }()
}
