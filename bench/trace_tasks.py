"""The recorder's worst case, for bench/trace.sh: nothing but tiny tasks
and calls of project functions, each paying for the recorder's exception
tracing, origin tracking and callback registration.

    bench/trace.sh 5 bench trace_tasks.py -- python3 trace_tasks.py
"""

import asyncio


async def leaf(i):
    await asyncio.sleep(0)
    return i


def helper(n):
    return sum(range(n))


async def main():
    for _ in range(200):
        await asyncio.gather(*(leaf(i) for i in range(100)))
        helper(100)
    for _ in range(200000):
        helper(3)


asyncio.run(main())
