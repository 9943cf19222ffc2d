"""AL202 holds for the call at hand when the helper's test of its parameters
sits in a local (psutil's cpu_percent: `blocking = interval is not None and
interval > 0.0`, then `if blocking: time.sleep(interval)`): a call without an
interval never sleeps and is not reported, nor one with a zero interval (the
order comparison with a number is read as the guard it is); one with an
interval is. A local
bound again (in a loop) or a parameter rebound before the test decides
nothing, and those calls stay reported."""
import asyncio
import time


def cpu_percent(interval=None, percpu=False):
    blocking = interval is not None and interval > 0.0
    if not percpu:
        if blocking:
            time.sleep(interval)
        return 0.0
    ready = not blocking
    if not ready:
        time.sleep(interval)
    return [0.0]


def settle(quick=False):
    slow = not quick
    for _ in range(2):
        if slow:
            time.sleep(0.01)
        slow = True


def backoff(delay=0):
    if delay <= 0:
        return
    time.sleep(delay)


def wait(timeout=None):
    if timeout is not None and 0 < timeout:
        time.sleep(timeout)


def poll(interval=None):
    interval = interval or 0.01
    blocking = interval is not None
    if blocking:
        time.sleep(interval)


async def clean():
    cpu_percent()
    cpu_percent(None)
    cpu_percent(percpu=True)
    cpu_percent(0.0)
    cpu_percent(interval=0, percpu=True)
    backoff()
    backoff(-1.5)
    wait(0)


async def blocking():
    cpu_percent(0.01)  # want: AL202 "`cpu_percent` blocks the event loop in coroutine `blocking`: it calls `time.sleep` .*\(blocking → cpu_percent → time.sleep\)"
    cpu_percent(0.01, percpu=True)  # want: AL202 "`cpu_percent` .*: it calls `time.sleep` .*\(blocking → cpu_percent → time.sleep\)"
    settle(quick=True)  # want: AL202 "`settle` .*: it calls `time.sleep` \(blocking → settle → time.sleep\)"
    backoff(0.01)  # want: AL202 "`backoff` .*: it calls `time.sleep` \(blocking → backoff → time.sleep\)"
    wait(0.01)  # want: AL202 "`wait` .*: it calls `time.sleep` \(blocking → wait → time.sleep\)"
    poll()  # want: AL202 "`poll` .*: it calls `time.sleep` \(blocking → poll → time.sleep\)"


async def main():
    await clean()
    await blocking()


if __name__ == "__main__":
    asyncio.run(main())
