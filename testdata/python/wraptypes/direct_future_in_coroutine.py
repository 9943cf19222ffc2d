"""AL405 at info: asyncio.Future() inside a coroutine binds to the running
loop (get_event_loop() returns it there), so only the style point —
loop.create_future() lets the loop supply its own implementation —
remains. direct_task.py is the warning twin."""
import asyncio


async def main():
    fut = asyncio.Future()  # want: AL405 "`asyncio.Future` is instantiated directly"
    assert fut.get_loop() is asyncio.get_running_loop()
    fut.set_result(1)
    print(await fut)


# static-only: AL405 a documented API contract: direct instantiation works and raises nothing; the assert shows the future is bound to the running loop
