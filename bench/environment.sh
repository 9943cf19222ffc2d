#!/usr/bin/env bash
# What reading the project's environment costs: each project checked with
# an interpreter that has no installed packages (a fresh venv), and with
# PYTHON (default /usr/bin/python3) and its site-packages, with a cold
# library cache (a fresh cache directory: the sys.path query and the
# synchronous-package scans are paid) and warm (the same run again).
# Prints installed files read and the median wall and CPU milliseconds of
# RUNS runs. The result cache is off (--no-cache): a warm run would
# otherwise analyse nothing at all. Usage: bench/environment.sh [-n RUNS] PROJECT_DIR...
# (with no project, the machine's standard library).
set -euo pipefail
runs=3
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
cd "$(dirname "$0")/.."
# Absolute: a relative XDG_CACHE_HOME is invalid (XDG spec, os.UserCacheDir),
# and a run given one keeps no cache at all, so "warm" would be cold.
out=$PWD/bench/out/environment
mkdir -p "$out"
go build -o "$out/asynclint" ./cmd/asynclint
python=${PYTHON:-/usr/bin/python3}
[ -x "$out/empty/bin/python3" ] || python3 -m venv --without-pip "$out/empty"
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=("$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')")

once() { # cache-dir interpreter project -> "wall_ms cpu_ms files_read"
  # Timed by the parent's clock and the child's rusage (microseconds):
  # /usr/bin/time's 10 ms steps are too coarse for runs of ~150 ms.
  XDG_CACHE_HOME="$1" python3 - "$out/asynclint" check --no-config --no-cache --exit-zero --statistics \
    --python "$2" "$3" 2>"$out/err" <<'PY' >"$out/time"
import resource, subprocess, sys, time
# Children's usage before the run too: what a launcher (a pyenv shim)
# waited for before exec'ing this interpreter is counted there.
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime - before.ru_utime - before.ru_stime
print(round(wall * 1000), round(cpu * 1000))
PY
  read -r wall cpu <"$out/time"
  files=$(grep -o '[0-9]* installed files read' "$out/err" | cut -d' ' -f1)
  echo "$wall $cpu ${files:-0}"
}
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

printf '%-12s %6s | %-11s | %-11s | %-11s\n' project files "no env" "env cold" "env warm"
printf '%-12s %6s | %-11s | %-11s | %-11s\n' "" read "wall/cpu ms" "wall/cpu ms" "wall/cpu ms"
for p in "${projects[@]}"; do
  : >"$out/no"; : >"$out/cold"; : >"$out/warm"
  for _ in $(seq "$runs"); do
    once "$out/cache-empty" "$out/empty/bin/python3" "$p" >>"$out/no"
    rm -rf "$out/cache"
    once "$out/cache" "$python" "$p" >>"$out/cold"
    once "$out/cache" "$python" "$p" >>"$out/warm"
  done
  cell() { echo "$(cut -d' ' -f1 "$1" | median)/$(cut -d' ' -f2 "$1" | median)"; }
  printf '%-12s %6s | %-11s | %-11s | %-11s\n' "$(basename "$p")" "$(cut -d' ' -f3 "$out/warm" | median)" \
    "$(cell "$out/no")" "$(cell "$out/cold")" "$(cell "$out/warm")"
done
