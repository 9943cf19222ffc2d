"""AL103: one coroutine object awaited twice."""
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return 1


async def twice():
    c = fetch()
    await c
    await c  # want: AL103 "coroutine `fetch` in `c` is awaited again"


async def in_loop():
    c = fetch()
    for _ in range(2):
        await c  # want: AL103 "awaited again on the next iteration"


async def fresh_each_time():
    for _ in range(2):
        c = fetch()
        await c


async def branches(flag):
    c = fetch()
    if flag:
        await c
    else:
        await c


async def main():
    for case in (twice, in_loop):
        try:
            await case()
        except RuntimeError:
            pass
    await fresh_each_time()
    await branches(True)


if __name__ == "__main__":
    asyncio.run(main())
