package looppassing

// goDoc holds the sections of the Go rules; the Analyzer's Doc is the
// family doc followed by it.
const goDoc = `

## AL351: detached-context

### What it does
Finds ` + "`context.Background()`" + ` or ` + "`context.TODO()`" + ` called, and the new context
passed on, inside a Go function that already has a context (a parameter, a
captured variable, or an ` + "`*http.Request`" + `'s ` + "`r.Context()`" + `). A root made
where the function may already have seen ` + "`ctx.Done()`" + ` fire (after
` + "`<-ctx.Done()`" + `, or after a ` + "`select`" + ` with a ` + "`ctx.Done()`" + ` case) is not
reported: cleanup that must still finish there, such as a graceful
` + "`Shutdown`" + `, cannot use the cancelled context. A root that is only stored
(in a struct, or a context derived from it with ` + "`context.WithCancel`" + ` and the
like, kept with a request whose work must outlive the caller) or read
for its values only (profiler labels; a printf-style logger,
` + "`func(ctx context.Context, format string, args ...any)`" + ` with no result)
is a deliberate root, and not reported either. A
context the function itself made with ` + "`context.Background()`" + ` or
` + "`context.TODO()`" + ` and a goroutine captures is no context to cut off. In a Go test file (the test
profile) it is info: nothing cancels a test's context midway; so it is in a
demonstration program under examples/ (the example profile), whose context
lives as long as main.

### Why is this bad?
The new context is a root: when the caller cancels or its deadline passes,
the work started with the new context keeps going. A handler whose client
went away still runs its queries to the end.

### Example
` + "```go" + `
func (s *Store) Get(ctx context.Context, id string) (*Row, error) {
	return s.db.QueryRowContext(context.Background(), q, id)
}
` + "```" + `

### Use instead
` + "```go" + `
	return s.db.QueryRowContext(ctx, q, id)
` + "```" + `
When the work must outlive the caller on purpose, say so with
` + "`context.WithoutCancel(ctx)`" + ` (which keeps the values) or suppress the line.

### Fix safety
The fix replaces the call with the function's context. It is unsafe: work
that was meant to survive cancellation (cleanup after ` + "`ctx`" + ` is done) would
be cancelled with it.

### References
- [context package](https://pkg.go.dev/context)

## AL352: goroutine-ignores-context

### What it does
Finds a ` + "`go`" + ` statement in a function that has a context, starting a goroutine
that runs forever (a loop with no exit, in the goroutine or in a function it
calls) and is handed no context (none passed, none captured). An
unexported function whose every caller passes ` + "`context.Background()`" + ` or
` + "`context.TODO()`" + ` (a tool's runner called from ` + "`main`" + `) has no cancellation to
outlive and is not judged. In a
demonstration program under examples/ (the example profile) it is info:
the goroutine ends with the program.

### Why is this bad?
Cancelling the context is how the caller says "stop"; this goroutine cannot
hear it, so it keeps polling, sleeping and holding what it references long
after the work it belonged to ended.

### Example
` + "```go" + `
func (s *Server) Serve(ctx context.Context) error {
	go s.poll()
	...
}

func (s *Server) poll() {
	for {
		s.refresh()
		time.Sleep(time.Minute)
	}
}
` + "```" + `

### Use instead
` + "```go" + `
	go s.poll(ctx)

func (s *Server) poll(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		s.refresh()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}
` + "```" + `

### References
- [Go blog: Go Concurrency Patterns: Context](https://go.dev/blog/context)
`
