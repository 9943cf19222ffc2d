"""AL405 at warning: asyncio.Task(...) built directly skips the loop's
task factory (loop.set_task_factory), which create_task honours;
direct_future_in_coroutine.py is the info twin."""
import asyncio


async def compute():
    return 1


def start(loop):
    return asyncio.Task(compute(), loop=loop)  # want: AL405 "`asyncio.Task` is instantiated directly"


async def main():
    print(await start(asyncio.get_running_loop()))


# static-only: AL405 a documented API contract: direct instantiation works and raises nothing; the factories are the supported way
