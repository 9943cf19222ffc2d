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


# static-only: AL403 asyncio.wait refuses coroutines on 3.11 (wait_coroutines.py verifies the call's TypeError); these membership tests run, and are always False, only on 3.8-3.10
