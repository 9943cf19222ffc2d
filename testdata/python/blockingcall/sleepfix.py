"""AL201's safe fix: time.sleep(x) becomes await asyncio.sleep(x); this
module never imports asyncio itself, so the fix adds the import."""
import time
from asyncio import run
from time import sleep


async def pause(delay):
    time.sleep(delay)  # want: AL201 "`time.sleep` blocks the event loop in coroutine `pause`; use `await asyncio.sleep`"
    sleep(delay)  # want: AL201 "`time.sleep`"
    return delay


async def ticks(n):
    for _ in range(n):
        time.sleep(0.01)  # want: AL201
        yield n


def not_async(delay):
    time.sleep(delay)


async def main():
    await pause(0.01)
    async for _ in ticks(2):
        pass
    not_async(0.01)  # want: AL202 "`not_async` blocks the event loop in coroutine `main`: it calls `time.sleep`"


if __name__ == "__main__":
    run(main())
