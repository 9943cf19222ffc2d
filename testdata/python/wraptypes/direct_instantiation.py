"""AL405: asyncio.Task and asyncio.Future instantiated directly."""
import asyncio
import sys


async def compute():
    await asyncio.sleep(0)
    return 1


class TracedFuture(asyncio.Future):
    pass


class Factories:
    # A loop-like object implementing the factories.
    def create_future(self):
        return asyncio.Future()

    def create_task(self, coro):
        return asyncio.Task(coro)


def task_factory(loop, coro, **kwargs):
    # A task factory must instantiate the task class itself.
    return asyncio.Task(coro, loop=loop, **kwargs)


def new_future(loop):
    return asyncio.Future(loop=loop)  # want: AL405 "`asyncio.Future` is instantiated directly with `loop=`; `loop.create_future\(\)` binds it to the same loop"


def pending():
    return asyncio.Future()  # want: AL405 "`asyncio.Future` is instantiated directly; without `loop=` it binds to whatever loop `asyncio.get_event_loop\(\)` returns where this runs; use `loop.create_future\(\)`"


def start_eagerly(loop, coro):
    # Before 3.14 create_task takes no eager_start: constructing the task
    # is the only way to start one task eagerly.
    if sys.version_info >= (3, 12):
        return asyncio.Task(coro, loop=loop, eager_start=True)
    return loop.create_task(coro)


async def main():
    fut = asyncio.Future()  # want: AL405 "`asyncio.Future` is instantiated directly in coroutine `main`, where it binds to the running loop; `loop.create_future\(\)` does the same"
    fut.set_result(1)
    task = asyncio.Task(compute())  # want: AL405 "`asyncio.Task`.*in coroutine `main`.*`asyncio.create_task\(\)` does the same and honours the loop's task factory"
    print(await fut, await task)
    loop = asyncio.get_running_loop()
    good = loop.create_future()
    good.set_result(2)
    print(await good, await asyncio.create_task(compute()))
    traced = TracedFuture()
    traced.set_result(3)
    print(await traced)
    made = Factories().create_future()
    made.set_result(4)
    print(await made, await Factories().create_task(compute()))
    assert asyncio.get_running_loop() is fut.get_loop() is task.get_loop()
    assert pending().get_loop() is loop
    other = new_future(loop)
    other.set_result(5)
    print(await other, await start_eagerly(loop, compute()))
    loop.set_task_factory(task_factory)
    print(await loop.create_task(compute()))
    loop.set_task_factory(None)


# static-only: AL405 a documented API contract: direct instantiation works and raises nothing; the factories are the supported way
