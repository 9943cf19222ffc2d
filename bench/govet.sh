#!/bin/sh
# Benchmark asynclint under go vet against plain go vet, same packages, same
# machine, one run. Usage: bench/govet.sh [packages...] (default: std).
#
# Both runs use one fresh build cache, warmed first with the export data
# every vet run needs (test variants included: vet checks test files), so
# the timings measure analysis, not compilation. go vet caches results
# under each tool's ID, so neither run reuses the other's.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
pkgs=${*:-std}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/asynclint" "$root/cmd/asynclint"
export GOCACHE="$work/cache" GOFLAGS= GOWORK=off
go list -export -deps -test $pkgs >/dev/null

now() { date +%s.%N; }

# CPU time (user + system, the vet tools included) where /usr/bin/time is
# there: on a shared machine wall time alone says little.
cpu() {
	out=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$out" "$@"
	else
		echo "0 0" >"$out"
		"$@"
	fi
}

t0=$(now)
cpu "$work/plain.cpu" go vet $pkgs >"$work/plain.out" 2>&1 || true
t1=$(now)
cpu "$work/asynclint.cpu" go vet -vettool="$work/asynclint" $pkgs >"$work/asynclint.out" 2>&1 || true
t2=$(now)

awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$(grep -c '(AL[0-9]*)$' "$work/asynclint.out" || true)" \
	-v pc="$(tail -n 1 "$work/plain.cpu" | awk '{print $1 + $2}')" -v ac="$(tail -n 1 "$work/asynclint.cpu" | awk '{print $1 + $2}')" 'BEGIN {
	plain = b - a; al = c - b
	printf "go vet:                    %7.1fs wall %7.1fs CPU\n", plain, pc
	printf "go vet -vettool=asynclint: %7.1fs wall %7.1fs CPU  (%d findings)\n", al, ac, n
	printf "ratio:                     %7.2fx wall", al / plain
	if (pc > 0) printf " %7.2fx CPU", ac / pc
	printf "\n"
}'
