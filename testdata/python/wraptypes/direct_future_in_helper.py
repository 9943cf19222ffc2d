"""AL405 at info: asyncio.Future() in a synchronous helper binds to the
loop running where the helper is called (its callers here are a coroutine
and a loop callback), and asyncio.Future(loop=loop) to the loop given; only
the style point (loop.create_future() lets the loop supply its own
implementation) remains. direct_future_in_constructor.py is the warning
twin."""
import asyncio


class Waiters:
    def __init__(self):
        self.pending = []

    def waiter(self):
        fut = asyncio.Future()  # want: AL405 "`asyncio.Future` is instantiated directly"
        self.pending.append(fut)
        return fut

    def on_data(self, data):
        for fut in self.pending:
            fut.set_result(data)


def bound(loop):
    return asyncio.Future(loop=loop)  # want: AL405 "`asyncio.Future` is instantiated directly with `loop=`"


async def main():
    loop = asyncio.get_running_loop()
    waiters = Waiters()
    fut = waiters.waiter()
    loop.call_soon(waiters.on_data, 1)
    assert fut.get_loop() is loop
    print(await fut)
    other = bound(loop)
    other.set_result(2)
    print(await other)


# static-only: AL405 a documented API contract: direct instantiation works and raises nothing; the asserts show each future is bound to the running loop
