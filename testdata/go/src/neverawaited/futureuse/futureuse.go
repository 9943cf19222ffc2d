// Package futureuse calls future's functions from another package: the
// fact that FetchAsync returns a future crosses the package boundary.

// static-only: AL153 the leaked goroutine's frames are in package future,
// not at the discarded call AL153 reports.
package futureuse

import "neverawaited/future"

func use() int {
	future.FetchAsync(1) // want `result channel of .future.FetchAsync. is discarded`
	future.FetchBuffered(2)
	return <-future.FetchAsync(3)
}
