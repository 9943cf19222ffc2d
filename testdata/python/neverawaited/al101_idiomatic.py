"""Idiomatic asyncio that must stay silent."""
import asyncio
import functools

background = set()


async def job(n):
    await asyncio.sleep(0)
    return n


def make_job(n):
    # A coroutine returned to the caller is the caller's to await.
    return job(n)


async def gather_list():
    coros = [job(i) for i in range(3)]
    return await asyncio.gather(*coros)


async def task_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job(1))
        tg.create_task(job(2))


async def kept_in_set():
    t = asyncio.create_task(job(1))
    background.add(t)
    t.add_done_callback(background.discard)
    await t


async def created_now_awaited_later():
    first = job(1)
    second = job(2)
    await asyncio.sleep(0)
    return await first + await second


async def wait_for_it():
    return await asyncio.wait_for(job(3), timeout=1)


class Holder:
    def __init__(self):
        self.pending = None

    async def park(self):
        self.pending = job(4)
        await self.pending


async def through_wrapper():
    return await make_job(5)


async def partial_awaited():
    call = functools.partial(job, 6)
    return await call()


async def main():
    await gather_list()
    await task_group()
    await kept_in_set()
    await created_now_awaited_later()
    await wait_for_it()
    await Holder().park()
    await through_wrapper()
    await partial_awaited()


if __name__ == "__main__":
    asyncio.run(main())
