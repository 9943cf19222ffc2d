"""Per-phase wall time of one `asynclint check --trace` run, for
bench/phases.sh: reads `go tool trace -d=parsed` on stdin and prints each
phase (the main goroutine's trace regions, internal/phase) in order with
its wall seconds, the processors (Ps) running Go code on average, and the
share of it the main goroutine ran. A goroutine in a cgo call (a
tree-sitter parse) may lose its P, so 'cores' undercounts parsing.
"""

import re
import sys

events = []  # (seconds, kind, key, on)
t0 = None
for line in sys.stdin:
    m = re.search(r" Time=(\d+)", line)
    if not m:
        continue
    t = int(m.group(1))
    t0 = t if t0 is None else t0
    ts = (t - t0) / 1e9
    if "StateTransition" in line:
        p = re.search(r"ProcID=(\d+) (\w+)->(\w+)", line)
        if p:
            events.append((ts, "P", p.group(1), p.group(3) == "Running"))
        g = re.search(r"GoID=1 (\w+)->(\w+)", line)
        if g:
            events.append((ts, "G", None, g.group(2) == "Running"))
    elif " G=1 " in line and "Region" in line:
        r = re.search(r"(RegionBegin|RegionEnd).*Type=\"([^\"]*)\"", line)
        if r:
            events.append((ts, "R", r.group(2), r.group(1) == "RegionBegin"))
events.sort(key=lambda e: e[0])

running, main_running = set(), False
phase, stack, begin, last = "start", [], 0.0, 0.0
cores = main = 0.0
print("%7s  %-10s %7s %6s %5s" % ("at s", "phase", "wall s", "cores", "main"))
for ts, kind, key, on in events:
    d = ts - last
    cores += d * len(running)
    main += d if main_running else 0
    last = ts
    if kind == "P":
        (running.add if on else running.discard)(key)
    elif kind == "G":
        main_running = on
    else:
        wall = ts - begin
        if wall > 0.002:
            print("%7.3f  %-10s %7.3f %6.2f %5.2f" % (begin, phase, wall, cores / wall, main / wall))
        cores = main = 0.0
        begin = ts
        if on:
            stack.append(phase)
            phase = key
        else:
            phase = stack.pop() if stack else "start"
print("%7.3f  end" % last)
