// Package groupctx holds AL451 cases: the context errgroup.WithContext
// derives, used after Wait.
package groupctx

// static-only: AL451 the later call is a database call; showing context
// canceled needs a driver that checks the context.

import (
	"context"
	"database/sql"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, s string) error { return ctx.Err() }

func shadowed(ctx context.Context, db *sql.DB) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	g.Go(func() error { return fetch(ctx, "b") })
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "update t set n = 1") // want "`ctx` is used after `g`.Wait returned: the context errgroup.WithContext derived is already cancelled"
	return err
}

// Fixed: the group's context has its own name.
func named(ctx context.Context, db *sql.DB) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	g.Go(func() error { return fetch(gctx, "b") })
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "update t set n = 1")
	return err
}

// Fixed: a new group per iteration; the uses before Wait are fine.
func loop(ctx context.Context, items []string) error {
	for _, it := range items {
		g, gctx := errgroup.WithContext(ctx)
		g.Go(func() error { return fetch(gctx, it) })
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}
