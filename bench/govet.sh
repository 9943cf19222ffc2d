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

t0=$(now)
go vet $pkgs >"$work/plain.out" 2>&1 || true
t1=$(now)
go vet -vettool="$work/asynclint" $pkgs >"$work/asynclint.out" 2>&1 || true
t2=$(now)

awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$(grep -c '(AL[0-9]*)$' "$work/asynclint.out" || true)" 'BEGIN {
	plain = b - a; al = c - b
	printf "go vet:                   %7.1fs\n", plain
	printf "go vet -vettool=asynclint: %7.1fs  (%d findings)\n", al, n
	printf "ratio:                    %7.2fx\n", al / plain
}'
