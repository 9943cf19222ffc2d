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
# Dependencies are downloaded and their export data built first, so the
# run measures the check, not the compiler. Prints peak RSS, wall and CPU
# time; exits 1 when the peak passes the budget (LIMIT_MB, default 1024).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
limit=${LIMIT_MB:-1024}
if [ $# -eq 0 ]; then
	set -- google.golang.org/grpc@v1.85.0
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
export GOFLAGS= GOWORK=off

go build -o "$work/asynclint" "$root/cmd/asynclint"

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
/usr/bin/time -v -o "$work/time" "$work/asynclint" check . >"$work/out" 2>&1 || true
awk -v limit="$limit" -v n="$(grep -c '(AL[0-9]*)$' "$work/out" || true)" '
	/Maximum resident set size/ { rss = $NF / 1024 }
	/Elapsed \(wall clock\)/ { wall = $NF }
	/User time/ { cpu += $NF }
	/System time/ { cpu += $NF }
	END {
		printf "asynclint check: peak RSS %.0f MiB (budget %d MiB), wall %s, CPU %.1fs, %d findings\n", rss, limit, wall, cpu, n
		exit rss > limit
	}' "$work/time"
