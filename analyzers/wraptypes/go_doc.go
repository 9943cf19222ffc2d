package wraptypes

// goDoc holds the section of the Go rule; the Analyzer's Doc is the
// family doc followed by it.
const goDoc = `

## AL451: group-context-used-after-wait

### What it does
Finds a use of the context returned by ` + "`errgroup.WithContext`" + ` on a path after
the group's ` + "`Wait`" + ` returned. The context often shadows the parent (` + "`g, ctx := errgroup.WithContext(ctx)`" + `), so the later code looks like it uses the
caller's context.

### Why is this bad?
` + "`Wait`" + ` cancels the derived context when it returns, error or not. Every call
made with it afterwards fails at once with ` + "`context canceled`" + `.

### Example
` + "```go" + `
g, ctx := errgroup.WithContext(ctx)
g.Go(func() error { return fetchA(ctx) })
g.Go(func() error { return fetchB(ctx) })
if err := g.Wait(); err != nil {
	return err
}
return db.QueryRowContext(ctx, q).Scan(&n) // always context canceled
` + "```" + `

### Use instead
` + "```go" + `
g, gctx := errgroup.WithContext(ctx)
g.Go(func() error { return fetchA(gctx) })
g.Go(func() error { return fetchB(gctx) })
if err := g.Wait(); err != nil {
	return err
}
return db.QueryRowContext(ctx, q).Scan(&n)
` + "```" + `

### References
- [errgroup.WithContext](https://pkg.go.dev/golang.org/x/sync/errgroup#WithContext)
`
