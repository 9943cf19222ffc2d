"""AL204: concurrent.futures.wait, in a coroutine, on a future that only
the waiting loop can complete. (A wait on thread-pool futures is AL201.)"""
import asyncio
import concurrent.futures
import time


async def work():
    await asyncio.sleep(0.01)


def crunch():
    time.sleep(0.01)


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor() as pool:
        concurrent.futures.wait([pool.submit(crunch)])  # want: AL201 "`concurrent.futures.wait`"
    cf = asyncio.run_coroutine_threadsafe(work(), loop)
    concurrent.futures.wait([cf])  # want: AL204 "`concurrent.futures.wait` on a future of `asyncio.run_coroutine_threadsafe` blocks the event loop thread in coroutine `main`"
