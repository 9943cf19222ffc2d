#!/bin/sh
# Peak memory of `asynclint check` on a large real Go module, fetched
# through the module proxy. Usage:
#
#   bench/checkmem.sh [module@version [nested-module@version ...]]
#
# (default: google.golang.org/grpc@v1.85.0). Module zips leave nested
# modules out: name them after the main module to have each placed at its
# path below it, as the repository keeps them; `check` then loads each
# module on its own, one after another.
#
# Environment:
#   TARGET     what to check, relative to the module (default "."; a file
#              such as server/server.go checks its package, as pre-commit
#              does)
#   RUNS       runs per binary (default 3); medians are reported
#   ASYNCLINT  binaries to compare, space-separated, run interleaved
#              (A B A B ...); default: one built from this tree. The last
#              one is held to the budget.
#   LIMIT_MB   the budget for peak RSS (default 1024)
#
# Dependencies are downloaded and their export data built first, so the
# run measures the check, not the compiler. Prints each run's and the
# median peak RSS, wall and CPU time (user+sys); exits 1 when the last
# binary's median peak passes the budget.
#
# Example: nats-server's server package with its tests (430k lines):
#   TARGET=server/server.go bench/checkmem.sh github.com/nats-io/nats-server/v2@v2.15.2
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
limit=${LIMIT_MB:-1024}
runs=${RUNS:-3}
target=${TARGET:-.}
if [ $# -eq 0 ]; then
	set -- google.golang.org/grpc@v1.85.0
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
export GOFLAGS= GOWORK=off

bins=${ASYNCLINT:-}
if [ -z "$bins" ]; then
	go build -o "$work/asynclint" "$root/cmd/asynclint"
	bins=$work/asynclint
fi

fetch() { go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }

main=${1%@*}
src="$work/src"
cp -r "$(fetch "$1")" "$src"
chmod -R u+w "$src"
shift
for m in "$@"; do
	sub=${m%@*}
	sub=${sub#"$main"/}
	rm -rf "${src:?}/$sub"
	mkdir -p "$src/$(dirname "$sub")"
	cp -r "$(fetch "$m")" "$src/$sub"
	chmod -R u+w "$src/$sub"
done

# Every module's dependencies and export data (test variants included).
find "$src" -name go.mod | while read -r mod; do
	(cd "$(dirname "$mod")" && go mod download && go list -export -deps -test ./... >/dev/null)
done

cd "$src"
i=0
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	for bin in $bins; do
		/usr/bin/time -v -o "$work/time" "$bin" check -no-cache "$target" >"$work/out" 2>&1 || true
		awk -v bin="$bin" -v run="$i" -v n="$(grep -c '(AL[0-9]*)$' "$work/out" || true)" '
			/Maximum resident set size/ { rss = $NF / 1024 }
			/Elapsed \(wall clock\)/ { k = split($NF, p, ":"); wall = 0; for (j = 1; j <= k; j++) wall = wall * 60 + p[j] }
			/User time/ { cpu += $NF }
			/System time/ { cpu += $NF }
			END { printf "%s\t%d\t%.0f\t%.1f\t%.1f\t%d\n", bin, run, rss, wall, cpu, n }' "$work/time" | tee -a "$work/runs"
	done
done
last=${bins##* }
awk -F'\t' -v limit="$limit" -v last="$last" -v target="$target" '
	function median(list,   n, a, i, j, x) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { x = a[i]; a[i] = a[j]; a[j] = x }
		return a[int((n + 1) / 2)]
	}
	!($1 in seen) { seen[$1] = 1; order[++k] = $1 }
	{ rss[$1] = rss[$1] " " $3; wall[$1] = wall[$1] " " $4; cpu[$1] = cpu[$1] " " $5; found[$1] = $6 }
	END {
		for (i = 1; i <= k; i++) {
			b = order[i]
			m = median(rss[b])
			printf "asynclint check %s (%s): median peak RSS %d MiB (budget %d MiB), wall %.1fs, CPU %.1fs, %d findings\n", target, b, m, limit, median(wall[b]), median(cpu[b]), found[b]
			if (b == last) over = m > limit
		}
		exit over
	}' "$work/runs"
