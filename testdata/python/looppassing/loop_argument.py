"""AL301: loop= passed to asyncio APIs that removed it in Python 3.10."""
import asyncio
import sys
import unittest


async def tick():
    await asyncio.sleep(0)
    return 1


class RemovalTest(unittest.TestCase):
    async def check(self, loop):
        # The test expects the TypeError: it checks the removal.
        with self.assertRaises(TypeError):
            await asyncio.sleep(0, loop=loop)


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(0, loop=loop)  # want: AL301 "`asyncio.sleep` no longer takes `loop=`; it raises TypeError"
    except TypeError:
        pass
    try:
        await asyncio.gather(loop=loop)  # want: AL301 "`asyncio.gather`"
    except TypeError:
        pass
    try:
        await asyncio.wait(set(), loop=loop)  # want: AL301 "`asyncio.wait`"
    except TypeError:
        pass
    try:
        await asyncio.wait_for(loop.create_future(), timeout=1, loop=loop)  # want: AL301 "`asyncio.wait_for`"
    except TypeError:
        pass
    try:
        asyncio.as_completed(set(), loop=loop, timeout=1)  # want: AL301 "`asyncio.as_completed`"
    except TypeError:
        pass
    # These still accept loop= and are not reported.
    print(await asyncio.ensure_future(tick(), loop=loop))
    fut = asyncio.run_coroutine_threadsafe(tick(), loop)
    print(await asyncio.wrap_future(fut, loop=loop))
    await asyncio.sleep(0)
    # Only on the versions where gather still takes loop=.
    if sys.version_info < (3, 10):
        print(await asyncio.gather(tick(), loop=loop))
    else:
        print(await asyncio.gather(tick()))
    await RemovalTest().check(loop)
