"""AL204: .result() on the future of run_coroutine_threadsafe, on the
loop that has to run the coroutine: a deadlock (the runtime harness aborts
it after its hang bound)."""
import asyncio


async def work():
    await asyncio.sleep(0.01)
    return 1


async def main():
    loop = asyncio.get_running_loop()
    # Handing the future over to asyncio is the right way: not reported.
    fut = asyncio.run_coroutine_threadsafe(work(), loop)
    await asyncio.wrap_future(fut)
    fut = asyncio.run_coroutine_threadsafe(work(), loop)
    fut.result()  # want: AL204 "`.result\(\)` on the future of `asyncio.run_coroutine_threadsafe` blocks the event loop thread in coroutine `main`"
