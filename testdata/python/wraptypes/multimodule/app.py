"""AL401 and AL402 across modules: concurrent futures returned by a
project helper, kept in attributes and passed as annotated parameters."""
import asyncio

from jobs.holder import Pending
from jobs.runner import JobRunner


async def compute(x):
    await asyncio.sleep(0)
    return x


async def run_one(runner: JobRunner, n):
    fut = runner.start(n)
    try:
        return await fut  # want: AL401 "`fut`"
    except TypeError:
        return None


async def run_last(runner: JobRunner):
    try:
        return await runner.last  # want: AL401 "`runner.last`"
    except TypeError:
        return None


async def run_many(runner: JobRunner):
    futs = [runner.start(i) for i in range(3)]
    try:
        return await asyncio.gather(*futs)  # want: AL402 "`asyncio.gather` is given concurrent.futures future returned by `JobRunner.start`"
    except TypeError:
        return [asyncio.wrap_future(f) for f in futs]


async def via_holder(p: Pending):
    try:
        await p.fut  # want: AL401 "`p.fut`"
    except TypeError:
        pass
    try:
        await asyncio.wait_for(p.fut, 1)  # want: AL402 "`asyncio.wait_for` is given concurrent.futures future `p.fut`"
    except TypeError:
        pass
    return await p.task


async def main():
    runner = JobRunner()
    try:
        await run_one(runner, 1)
        await run_last(runner)
        for w in await run_many(runner):
            print(await w)
        task = asyncio.create_task(compute(2))
        print(await via_holder(Pending(runner.start(3), task)))
        print(await asyncio.wrap_future(runner.start(4)))
    finally:
        runner.close()
