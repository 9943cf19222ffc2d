#!/usr/bin/env bash
# Runs asynclint, ruff (ASYNC + RUF006, npm wasm build) and pyright
# (reportUnusedCoroutine and protocol errors) over the same paths in one
# run and prints each tool's findings as path:line: tool code, sorted, so
# the sets can be compared line by line. Usage: bench/compare.sh PATH...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
go build -o "$out/asynclint" "$root/cmd/asynclint"
if [ ! -d "$out/node_modules/pyright" ] || [ ! -d "$out/node_modules/@astral-sh/ruff-wasm-nodejs" ]; then
  (cd "$out" && npm init -y >/dev/null 2>&1 && npm install --silent pyright @astral-sh/ruff-wasm-nodejs >/dev/null 2>&1)
fi
cp "$root/bench/ruff_check.js" "$out/"
{
  "$out/asynclint" check --no-config --exit-zero --format json "$@" | python3 -c '
import json, sys
for d in json.load(sys.stdin)["diagnostics"]:
    print(f"{d[\"path\"]}:{d[\"line\"]}: asynclint {d[\"code\"]}")'
  RUFF_REPORT=1 node "$out/ruff_check.js" "$@" | grep -v '^{' | sed -E 's/^([^:]+):([0-9]+):[0-9]+: .*\((.*)\)$/\1:\2: ruff \3/'
  "$out/node_modules/.bin/pyright" --outputjson "$@" 2>/dev/null | python3 -c '
import json, os, sys
for d in json.load(sys.stdin)["generalDiagnostics"]:
    m = d["message"]
    if d.get("rule") == "reportUnusedCoroutine" or "__enter__" in m or "__aenter__" in m or "is not iterable" in m or "is not awaitable" in m:
        print(f"{os.path.relpath(d[\"file\"])}:{d[\"range\"][\"start\"][\"line\"] + 1}: pyright {d.get(\"rule\", \"error\")}")' || true
} | sort -t: -k1,1 -k2,2n
