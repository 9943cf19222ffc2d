"""AL102: tasks whose only reference is dropped."""
import asyncio

keep = set()


async def tick():
    # Long enough to be pending when main returns, even on a loaded machine.
    await asyncio.sleep(30)


async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(tick())  # want: AL102 "task created by `asyncio.create_task` is not referenced"
    asyncio.ensure_future(tick())  # want: AL102 "`asyncio.ensure_future`"
    loop.create_task(tick())  # want: AL102 "`loop.create_task`"
    unused = asyncio.create_task(tick())  # want: AL102 "stored in `unused`, which is never read"

    # ensure_future returns a future as it is: no task is created, and the
    # executor keeps its work alive.
    asyncio.ensure_future(loop.run_in_executor(None, keep.copy))

    kept = asyncio.create_task(tick())
    keep.add(kept)
    kept.add_done_callback(keep.discard)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(asyncio.sleep(0))
    awaited = asyncio.create_task(asyncio.sleep(0))
    await awaited
    kept.cancel()


def closed_loop_rejects_tasks():
    # Calls that are expected to raise are not findings.
    import unittest

    class T(unittest.TestCase):
        def runTest(self):
            loop = asyncio.new_event_loop()
            loop.close()
            coro = tick()
            with self.assertRaises(RuntimeError):
                loop.create_task(coro)
            coro.close()

    T().runTest()


if __name__ == "__main__":
    asyncio.run(main())
    closed_loop_rejects_tasks()
