package blockingcall

// goDoc holds the section of the Go rule; the Analyzer's Doc is the
// family doc followed by it.
const goDoc = `

## AL251: uncancellable-blocking-call

### What it does
Finds, in a Go function that has a ` + "`context.Context`" + ` (a parameter, a captured
variable, or the request of an HTTP handler,
` + "`func(http.ResponseWriter, *http.Request)`" + `), a call that blocks and cannot be
interrupted by that context: ` + "`time.Sleep`" + `, ` + "`http.Get/Head/Post/PostForm`" + `,
` + "`http.NewRequest`" + ` when the request is then sent (it carries no context), ` + "`net.Dial`" + `,
` + "`exec.Command(...).Run/Output/CombinedOutput`" + `, and the non-Context methods of
` + "`database/sql`" + ` (` + "`Query`" + `, ` + "`QueryRow`" + `, ` + "`Exec`" + `, ` + "`Ping`" + `, ` + "`Begin`" + `, ` + "`Prepare`" + `). The list is data
(asyncir's Go model table). A constant sleep of at most a second that
runs once, or once per iteration of a loop that checks ` + "`ctx.Err()`" + ` or
` + "`ctx.Done()`" + ` every time round, delays cancellation by no more than that
sleep and is not reported; otherwise the message says how long one sleep
lasts. An unexported function whose every caller passes
` + "`context.Background()`" + ` or ` + "`context.TODO()`" + ` has no cancellation to wait for and
is not judged. In a Go test file (the test profile) it is info: nothing cancels a
test's context midway; so it is in a demonstration program under
examples/ (the example profile), whose context lives as long as main.

### Why is this bad?
The caller cancelled, or the deadline passed, but the function keeps
waiting: the request handler holds its goroutine and connection, retries
keep sleeping, the shutdown waits.

### Example
` + "```go" + `
func (c *Client) Do(ctx context.Context) error {
	for i := 0; ; i++ {
		if err := c.try(ctx); err == nil {
			return nil
		}
		time.Sleep(backoff(i))
	}
}
` + "```" + `

### Use instead
` + "```go" + `
		select {
		case <-time.After(backoff(i)):
		case <-ctx.Done():
			return ctx.Err()
		}
` + "```" + `
and the ` + "`…Context`" + ` variant of the other calls (` + "`http.NewRequestWithContext`" + `,
` + "`net.Dialer.DialContext`" + `, ` + "`exec.CommandContext`" + `, ` + "`db.QueryContext`" + `).

### Fix safety
The replacement is shown, not applied: a ` + "`select`" + ` changes the control flow,
and a Context variant changes when the call returns.

### References
- [context package](https://pkg.go.dev/context)
- [Go blog: Contexts and structs](https://go.dev/blog/context-and-structs)
`
