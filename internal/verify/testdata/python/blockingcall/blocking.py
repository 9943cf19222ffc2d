"""AL201-AL204: the loop's thread blocked."""
import asyncio
import concurrent.futures
import time


def load():
    time.sleep(0.01)
    return 1


def on_timer():
    time.sleep(0.01)  # want: AL203


async def handler():
    return load()  # want: AL202


async def quick():
    return 2


async def main():
    time.sleep(0.01)  # want: AL201
    await handler()
    asyncio.get_running_loop().call_soon(on_timer)
    await asyncio.sleep(0.05)
    await asyncio.to_thread(time.sleep, 0.01)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        await asyncio.wrap_future(pool.submit(load))
    loop = asyncio.get_running_loop()
    asyncio.run_coroutine_threadsafe(quick(), loop).result()  # want: AL204
