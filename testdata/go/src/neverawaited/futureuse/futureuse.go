// Package futureuse calls future's functions from another package: the
// fact that FetchAsync returns a future crosses the package boundary.
package futureuse

import "neverawaited/future"

func use() int {
	future.FetchAsync(1) // want `result channel of .future.FetchAsync. is discarded`
	future.FetchBuffered(2)
	return <-future.FetchAsync(3)
}
