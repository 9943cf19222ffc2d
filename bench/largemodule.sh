#!/bin/sh
# Time and peak memory of `check` on one generated 10 MB Python module
# (coroutine handlers, their helpers, module-level data tables), the
# median of three runs of BenchmarkCheckLargeModule (internal/driver).
# Usage: bench/largemodule.sh [runs]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
cd "$root"
go test -run '^$' -bench '^BenchmarkCheckLargeModule$' -benchtime 1x -count "$runs" ./internal/driver |
	awk 'BEGIN { n = 0 }
	/^BenchmarkCheckLargeModule/ {
		for (i = 1; i <= NF; i++) {
			if ($(i+1) == "ns/op") t[n] = $i / 1e9
			if ($(i+1) == "peak-RSS-MB") m[n] = $i
			if ($(i+1) == "B/op") a[n] = $i / 1048576
		}
		printf "run %d: %.2f s, peak RSS %d MB, allocated %d MB\n", n + 1, t[n], m[n], a[n]
		n++
	}
	END {
		if (n == 0) exit 1
		# median: sort each column (n is small)
		for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) {
			if (t[j] < t[i]) { x = t[i]; t[i] = t[j]; t[j] = x }
			if (m[j] < m[i]) { x = m[i]; m[i] = m[j]; m[j] = x }
		}
		printf "median of %d: %.2f s, peak RSS %d MB\n", n, t[int(n/2)], m[int(n/2)]
	}'
