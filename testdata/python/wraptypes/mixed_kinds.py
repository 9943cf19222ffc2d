"""AL402: futures handed to the other kind's API."""
import asyncio
import concurrent.futures
from concurrent.futures import ThreadPoolExecutor


def square(n):
    return n * n


def wait_on_pool_api():
    loop = asyncio.new_event_loop()
    fut = loop.create_future()
    try:
        concurrent.futures.wait([fut], timeout=0)  # want: AL402 "`concurrent.futures.wait` is given asyncio future `fut`"
    except AttributeError:
        pass
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            loop.run_until_complete(pool.submit(square, 2))  # want: AL402 "`loop.run_until_complete` is given concurrent.futures future"
        except TypeError:
            pass
        print(loop.run_until_complete(asyncio.wrap_future(pool.submit(square, 3), loop=loop)))
    loop.close()


async def amain():
    with ThreadPoolExecutor(max_workers=2) as pool:
        futs = [pool.submit(square, i) for i in range(3)]
        try:
            await asyncio.gather(*futs)  # want: AL402 "`asyncio.gather` is given concurrent.futures future"
        except TypeError:
            pass
        try:
            await asyncio.wait_for(pool.submit(square, 1), 1)  # want: AL402 "`asyncio.wait_for`"
        except TypeError:
            pass
        wrapped = [asyncio.wrap_future(f) for f in futs]
        print(await asyncio.gather(*wrapped))


if __name__ == "__main__":
    wait_on_pool_api()
    asyncio.run(amain())
