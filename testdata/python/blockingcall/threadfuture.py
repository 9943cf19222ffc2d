"""AL204: waiting for a thread-side future on the loop thread."""
import asyncio
import concurrent.futures
import threading
import time


async def work():
    await asyncio.sleep(0.01)
    return 1


def start_other_loop():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    return loop, thread


def wait_in_callback(fut):
    concurrent.futures.wait([fut])  # want: AL204 "`concurrent.futures.wait` blocks the event loop thread in `wait_in_callback`"


def crunch():
    time.sleep(0.01)
    return 2


async def main():
    other, thread = start_other_loop()
    fut = asyncio.run_coroutine_threadsafe(work(), other)
    fut.result()  # want: AL204 "`.result\(\)` on the future of `asyncio.run_coroutine_threadsafe` blocks the event loop thread in coroutine `main`"
    with concurrent.futures.ThreadPoolExecutor() as pool:
        cf = pool.submit(crunch)
        concurrent.futures.wait([cf])  # want: AL204 "`concurrent.futures.wait`"
        cf2 = pool.submit(crunch)
        asyncio.get_running_loop().call_soon(wait_in_callback, cf2)
        await asyncio.sleep(0.05)
        # The right way: wrap the thread-side future.
        await asyncio.wrap_future(pool.submit(crunch))
    await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work(), other))
    other.call_soon_threadsafe(other.stop)
    await asyncio.to_thread(thread.join)
    other.close()


if __name__ == "__main__":
    asyncio.run(main())
