"""AL204 in a loop callback: the callback waits for a coroutine the same
loop would have to run."""
import asyncio
import concurrent.futures


async def work():
    await asyncio.sleep(0.01)


def wait_in_callback(loop):
    cf = asyncio.run_coroutine_threadsafe(work(), loop)
    concurrent.futures.wait([cf])  # want: AL204 "`concurrent.futures.wait` on a future of `asyncio.run_coroutine_threadsafe` blocks the event loop thread in `wait_in_callback`, a callback the loop runs"


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(wait_in_callback, loop)
    await asyncio.sleep(0.1)
