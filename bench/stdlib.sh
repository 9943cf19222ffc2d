#!/usr/bin/env bash
# Benchmarks asynclint on the whole standard library of the machine's
# python3 (no site-packages): the full check, a parse-only pass over the
# same files, and ruff (npm @astral-sh/ruff-wasm-nodejs, ASYNC + RUF006) in
# the same run. Prints files, lines, wall and CPU seconds, peak memory and
# the ratios (the median of the runs by wall time). The cold check runs with --no-cache; the warm one is a
# second run over the cache a first run filled (internal/cache). Usage: bench/stdlib.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
out=bench/out
mkdir -p "$out"
go build -o "$out/asynclint" ./cmd/asynclint

measure() { # name, command...: the median run by wall time
  local name=$1; shift
  local rows=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" || true
    read -r wall user sys rss <"$out/$name.time"
    rows+=("$wall $(echo "$user + $sys" | bc) $rss")
  done
  printf '%s\n' "${rows[@]}" | sort -n | sed -n "$(( (${#rows[@]} + 1) / 2 ))p"
}

# cold: --no-cache; warm: a second run over a cache the first run filled.
check=$(measure check "$out/asynclint" check --no-config --exit-zero --statistics --no-cache "$stdlib")
rm -rf "$out/cache"
"$out/asynclint" check --no-config --exit-zero --cache-dir "$out/cache" "$stdlib" >/dev/null 2>&1
warm=$(measure warm "$out/asynclint" check --no-config --exit-zero --statistics --cache-dir "$out/cache" "$stdlib")
cmp -s "$out/check.out" "$out/warm.out" || echo "warning: the warm run's output differs from the cold run's" >&2
parse=$(measure parse "$out/asynclint" check --no-config --exit-zero --statistics --parse-only "$stdlib")
stats=$(grep -o '[0-9]* files ([0-9]* lowered), [0-9]* lines' "$out/check.err" | head -1)

ruff="skipped"
if command -v npm >/dev/null; then
  if [ ! -d "$out/node_modules/@astral-sh/ruff-wasm-nodejs" ]; then
    (cd "$out" && npm init -y >/dev/null 2>&1 && npm install --silent @astral-sh/ruff-wasm-nodejs >/dev/null 2>&1) || true
  fi
  if [ -d "$out/node_modules/@astral-sh/ruff-wasm-nodejs" ]; then
    cp bench/ruff_check.js "$out/"
    ruff=$(measure ruff node "$out/ruff_check.js" "$stdlib")
  fi
fi

read -r cw cc cm <<<"$check"
read -r pw pc pm <<<"$parse"
read -r ww wc wm <<<"$warm"
echo "stdlib: $stdlib — $stats"
printf '%-22s %8s %8s %10s\n' "" "wall s" "cpu s" "peak MiB"
printf '%-22s %8s %8s %10d\n' "asynclint check (cold)" "$cw" "$cc" "$((cm / 1024))"
printf '%-22s %8s %8s %10d\n' "asynclint check (warm)" "$ww" "$wc" "$((wm / 1024))"
printf '%-22s %8s %8s %10d\n' "parse-only" "$pw" "$pc" "$((pm / 1024))"
if [ "$ruff" != skipped ]; then
  read -r rw rc rm <<<"$ruff"
  printf '%-22s %8s %8s %10d\n' "ruff (wasm, ASYNC)" "$rw" "$rc" "$((rm / 1024))"
  echo "check / ruff (wall): $(echo "scale=2; $cw / $rw" | bc)"
fi
echo "check / parse-only (wall): $(echo "scale=2; $cw / $pw" | bc)   (cpu): $(echo "scale=2; $cc / $pc" | bc)"
echo "cores used by check: $(echo "scale=2; $cc / $cw" | bc)"
