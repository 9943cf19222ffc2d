// Package uncancellable holds AL251 cases: blocking calls a context the
// function has cannot interrupt.
package uncancellable

// static-only: AL251 these calls need the network (http.Get, net.Dial), a
// database (db.Query) or a subprocess that outlives the bound; the
// goroutine's sleep outlives its starter, so no Run function hangs on it.
// The retry loop's sleep is proved in sleep.go.

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"
)

type client struct{ db *sql.DB }

// Fixed: select on the timer and ctx.Done().
func (c *client) DoFixed(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		if err := c.try(ctx); err == nil {
			return nil
		}
		select {
		case <-time.After(time.Duration(i) * time.Second):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// No context: nothing to ignore.
func sleepy() { time.Sleep(time.Millisecond) }

func handler(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://example.com") // want "`http.Get` blocks without observing `r.Context\\(\\)`"
	if err == nil {
		resp.Body.Close()
	}
	req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://example.com", nil)
	_ = req
}

func (c *client) query(ctx context.Context, q string) error {
	rows, err := c.db.Query(q) // want "`sql.DB.Query` blocks without observing `ctx`"
	if err != nil {
		return err
	}
	rows.Close()
	rows, err = c.db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	return rows.Close()
}

func run(ctx context.Context) error {
	if err := exec.Command("true").Run(); err != nil { // want "`exec.Cmd.Run` blocks without observing `ctx`"
		return err
	}
	return exec.CommandContext(ctx, "true").Run()
}

func dial(ctx context.Context) (net.Conn, error) {
	var d net.Dialer
	if false {
		return net.Dial("tcp", "x:1") // want "`net.Dial` blocks"
	}
	return d.DialContext(ctx, "tcp", "x:1")
}

// Suppressed with a reason.
func suppressed(ctx context.Context) {
	time.Sleep(time.Minute) //asynclint:ignore AL251 a pause the caller accepts
	//asynclint:ignore AL251 on the line below
	time.Sleep(time.Minute)
}

// A closure that captures ctx has it too.
func closure(ctx context.Context) {
	go func() {
		<-ctx.Done()
		time.Sleep(time.Minute) // want "`time.Sleep` blocks without observing `ctx`: cancelling the context does not interrupt it \\(it sleeps up to 1m0s a call\\)"
	}()
}

// Fixed: the request is given the context before it is sent.
func post(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req.WithContext(ctx))
}

// A context declared unused on purpose: nothing to observe.
func connect(_ context.Context, addr string) (net.Conn, error) {
	return net.Dial("tcp", addr)
}

// Not a handler: a request handed to a helper is the caller's to send,
// and the helper has no request context to observe.
func sign(r *http.Request, key string) {
	time.Sleep(time.Millisecond)
	r.Header.Set("Signature", key)
}

type server struct{}

// A method with a handler's signature serves requests: r.Context() ends
// with the request.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Minute) // want "`time.Sleep` blocks without observing `r.Context\\(\\)`: .* \\(it sleeps up to 1m0s a call\\)"
}

// Fixed: a request that is built but never sent blocks nothing.
func hostOf(ctx context.Context, url string) string {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return ""
	}
	return req.URL.Host
}

// A request without the context, sent: the send cannot be cancelled.
func fetch(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want "`http.NewRequest` blocks without observing `ctx`"
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A step only main calls, with context.Background(): its context is
// never cancelled, so nothing waits for the sleep to notice.
func warmUp(ctx context.Context, c *client) error {
	time.Sleep(5 * time.Second)
	return c.try(ctx)
}

func warmUpMain(c *client) error {
	return warmUp(context.Background(), c)
}

// A goroutine that captures a context.TODO() its starter made: nothing
// can cancel it, so there is no cancellation for the sleep to miss
// (go-redis's channel.initMsgChan retry pause).
func (c *client) receiveLoop(recv func(context.Context) error) {
	ctx := context.TODO()
	go func() {
		for recv(ctx) != nil {
			time.Sleep(100 * time.Millisecond)
		}
	}()
}

// The same loop given a context its starter can cancel.
func (c *client) receiveLoopCancellable(recv func(context.Context) error) context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for recv(ctx) != nil {
			time.Sleep(time.Minute) // want "`time.Sleep` blocks without observing `ctx`"
		}
	}()
	return cancel
}
