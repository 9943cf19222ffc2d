package wraptypes

const doc = `# Analyzer wraptypes

report mixed future kinds and waits on the wrong identity

Futures of two kinds (asyncio and concurrent.futures in Python) do not
mix, and what a wait hands back is not always what was passed in; in Go,
the context a group derives dies with the group.

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
