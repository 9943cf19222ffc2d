#!/usr/bin/env bash
# Where a check's wall time goes, phase by phase (read, lower, helpers,
# widen, finish, library, link, analyze …): one run with --trace, read by
# bench/phases.py. Usage: bench/phases.sh PATH... (default: the stdlib of
# the machine's python3).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/asynclint" ./cmd/asynclint
if [ $# -eq 0 ]; then
  set -- "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
fi
"$out/asynclint" check --no-config --exit-zero --no-cache --statistics --trace "$out/run.trace" "$@" >/dev/null 2>"$out/phases.err" || true
tail -1 "$out/phases.err"
go tool trace -d=parsed "$out/run.trace" 2>/dev/null | python3 bench/phases.py
