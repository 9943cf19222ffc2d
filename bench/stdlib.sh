#!/usr/bin/env bash
# Benchmarks asynclint on the whole standard library of the machine's
# python3 (no site-packages): the full check, a parse-only pass over the
# same files, and ruff (npm @astral-sh/ruff-wasm-nodejs, ASYNC + RUF006) in
# the same run. Prints files, lines, wall and CPU seconds, peak memory and
# the ratios. Usage: bench/stdlib.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
out=bench/out
mkdir -p "$out"
go build -o "$out/asynclint" ./cmd/asynclint

measure() { # name, command...
  local name=$1; shift
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" || true
    read -r wall user sys rss <"$out/$name.time"
    cpu=$(echo "$user + $sys" | bc)
    if [ -z "$best" ] || (( $(echo "$wall < ${best%% *}" | bc) )); then best="$wall $cpu $rss"; fi
  done
  echo "$best"
}

check=$(measure check "$out/asynclint" check --no-config --exit-zero --statistics "$stdlib")
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
echo "stdlib: $stdlib — $stats"
printf '%-22s %8s %8s %10s\n' "" "wall s" "cpu s" "peak MiB"
printf '%-22s %8s %8s %10d\n' "asynclint check" "$cw" "$cc" "$((cm / 1024))"
printf '%-22s %8s %8s %10d\n' "parse-only" "$pw" "$pc" "$((pm / 1024))"
if [ "$ruff" != skipped ]; then
  read -r rw rc rm <<<"$ruff"
  printf '%-22s %8s %8s %10d\n' "ruff (wasm, ASYNC)" "$rw" "$rc" "$((rm / 1024))"
  echo "check / ruff (wall): $(echo "scale=2; $cw / $rw" | bc)"
fi
echo "check / parse-only (wall): $(echo "scale=2; $cw / $pw" | bc)   (cpu): $(echo "scale=2; $cc / $pc" | bc)"
echo "cores used by check: $(echo "scale=2; $cc / $cw" | bc)"
