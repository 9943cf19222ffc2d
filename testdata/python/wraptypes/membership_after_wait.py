"""AL403: membership tests of input coroutines against asyncio.wait's sets."""
import asyncio
import sys


async def fetch(name):
    await asyncio.sleep(0)
    return name


async def main():
    if sys.version_info >= (3, 11):
        return
    first, second = fetch("first"), fetch("second")
    done, pending = await asyncio.wait({first, second})  # want: AL403
    if first in done:  # want: AL403 "`in` compares a coroutine passed to `asyncio.wait`.*always False"
        print("first done")
    for t in done:
        if t is second:  # want: AL403 "`is`"
            print("second done")
    coros = [fetch("c"), fetch("d")]
    done, _ = await asyncio.wait(coros)  # want: AL403
    if coros[0] not in done:  # want: AL403 "always True"
        print("c never shows up")
    third, fourth = fetch("third"), fetch("fourth")
    done, pending = await asyncio.wait([third, fourth])  # want: AL403
    if done & {third}:  # want: AL403 "set operation combines coroutines passed to `asyncio.wait`"
        print("third done")
    if done.issuperset({third, fourth}):  # want: AL403 "set operation"
        print("both done")
    left = set([third, fourth]) - done  # want: AL403 "never overlap"
    print(left)
    jobs = {fetch(n): n for n in "ef"}
    done, _ = await asyncio.wait(jobs)  # want: AL403
    for t in done:
        try:
            print(jobs[t])  # want: AL403 "looked up in a mapping"
        except KeyError:
            print("KeyError: a task is not the coroutine it wraps")
    # Tasks made first: the same operations are correct.
    tasks = {asyncio.create_task(fetch("t"))}
    done, pending = await asyncio.wait(tasks)
    assert done == tasks and not (tasks - done)


# static-only: AL403 asyncio.wait refuses coroutines on 3.11 (wait_coroutines.py verifies the call's TypeError); these membership tests run, and are always False, only on 3.8-3.10
