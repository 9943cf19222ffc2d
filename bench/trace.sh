#!/usr/bin/env bash
# Measures what `asynclint trace` costs a test suite: the command alone,
# the command under the recorder (`asynclint trace`, which also runs the
# static check), and the static check alone; the run of median wall time
# of N (default 3) with its CPU seconds (user + sys, children included).
# The recorder's cost is the trace row minus the check row.
#
# Usage: bench/trace.sh [runs] [dir paths -- command...]
# Default: the trace fixture's pytest suite (internal/trace/testdata/shop)
# with Debian's /usr/bin/python3. Example, pyzmq's asyncio tests copied
# out of Debian's python3-zmq:
#   mkdir -p /tmp/zmq-tests && cp -r /usr/lib/python3/dist-packages/zmq /tmp/zmq-tests/
#   bench/trace.sh 3 /tmp/zmq-tests zmq -- /usr/bin/python3 -m pytest -q -p no:cacheprovider zmq/tests/test_asyncio.py
# aiosqlite's smoke tests from python3-aiosqlite (aiounittest, which they
# import, is not packaged: a stand-in module on PYTHONPATH maps its
# AsyncTestCase to unittest.IsolatedAsyncioTestCase):
#   mkdir -p /tmp/aiosqlite-tests/shim && cp -r /usr/lib/python3/dist-packages/aiosqlite /tmp/aiosqlite-tests/
#   printf 'import unittest\nAsyncTestCase = unittest.IsolatedAsyncioTestCase\n' >/tmp/aiosqlite-tests/shim/aiounittest.py
#   PYTHONPATH=/tmp/aiosqlite-tests/shim bench/trace.sh 3 /tmp/aiosqlite-tests aiosqlite -- /usr/bin/python3 -m pytest -q -p no:cacheprovider aiosqlite/tests/smoke.py
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-3}
shift || true
if [ $# -gt 0 ]; then
  dir=$1; shift
  paths=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do paths+=("$1"); shift; done
  shift
  cmd=("$@")
else
  dir=internal/trace/testdata/shop
  paths=(.)
  cmd=(/usr/bin/python3 -m pytest -q -p no:cacheprovider)
fi
out=$repo/bench/out
mkdir -p "$out"
go build -o "$out/asynclint" ./cmd/asynclint
export PYTHONDONTWRITEBYTECODE=1

measure() { # name, command...
  local name=$1; shift
  local all=""
  for _ in $(seq "$runs"); do
    (cd "$dir" && /usr/bin/time -f '%e %U %S' -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err") || true
    read -r wall user sys <"$out/$name.time"
    all+="$wall $(echo "$user + $sys" | bc)"$'\n'
  done
  echo "$all" >"$out/$name.runs"
  printf '%s' "$all" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

plain=$(measure plain "${cmd[@]}")
traced=$(measure trace "$out/asynclint" trace --exit-zero --output-file "$out/trace.report" --trace-file "$out/trace.json" "${paths[@]}" -- "${cmd[@]}")
check=$(measure check "$out/asynclint" check --exit-zero "${paths[@]}")
printf '%-40s %8s %8s\n' "" "wall s" "cpu s"
printf '%-40s %8s %8s\n' "command alone" $plain
printf '%-40s %8s %8s\n' "asynclint trace -- command" $traced
printf '%-40s %8s %8s\n' "asynclint check (static part)" $check
read -r pw pc <<<"$plain"; read -r tw tc <<<"$traced"; read -r cw cc <<<"$check"
echo "recorder overhead: wall $(echo "scale=2; ($tw - $cw) / $pw" | bc)x, cpu $(echo "scale=2; ($tc - $cc) / $pc" | bc)x of the command alone"
grep -h 'runtime events' "$out/trace.err" || true
