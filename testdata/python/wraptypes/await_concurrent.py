"""AL401: awaiting a concurrent.futures future, through locals, attributes,
annotated parameters and return annotations."""
import asyncio
import concurrent.futures
from concurrent.futures import Future, ThreadPoolExecutor


def square(n):
    return n * n


class Worker:
    def __init__(self, pool: ThreadPoolExecutor):
        self.pending = pool.submit(square, 3)


async def consume(fut: Future):
    try:
        return await fut  # want: AL401 "`fut` is awaited"
    except TypeError:
        return None


def submit(pool, n) -> concurrent.futures.Future:
    return pool.submit(square, n)


async def main():
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            await pool.submit(square, 2)  # want: AL401 "returned by `Executor.submit`"
        except TypeError:
            pass
        worker = Worker(pool)
        try:
            await worker.pending  # want: AL401 "`worker.pending`"
        except TypeError:
            pass
        await consume(pool.submit(square, 4))
        try:
            await submit(pool, 5)  # want: AL401 "returned by `submit`"
        except TypeError:
            pass
        # The bridges are fine.
        print(await asyncio.wrap_future(submit(pool, 6)))
        print(await asyncio.wrap_future(worker.pending))
        loop = asyncio.get_running_loop()
        print(await loop.run_in_executor(pool, square, 7))
