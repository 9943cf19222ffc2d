"""AL404: result()/exception() on an asyncio future not known to be done."""
import asyncio
import unittest


async def compute(n):
    await asyncio.sleep(0)
    return n


def on_done(fut: asyncio.Future):
    # A done callback's argument is done.
    print("done:", fut.result())


def drive(loop):
    # In synchronous code a call may run the loop (run_until_complete,
    # run_forever, a test helper): the task may be done afterwards.
    t = loop.create_task(compute(5))
    loop.run_until_complete(asyncio.sleep(0.01))
    return t.result()


class Waiters:
    def __init__(self):
        self.pong = None

    def deliver(self, value):
        self.pong.set_result(value)


async def aliased(loop):
    # One future, two names: completed through the attribute.
    w = Waiters()
    waiter = w.pong = loop.create_future()
    w.pong.set_result(6)
    print(waiter.result())
    waiter = w.pong = loop.create_future()
    w.deliver(7)
    print(waiter.result())
    waiter = w.pong = loop.create_future()
    try:
        print(waiter.result())  # want: AL404 "`.result\(\)` on asyncio future `waiter`"
    except asyncio.InvalidStateError:
        pass


class PendingTest(unittest.TestCase):
    async def check(self):
        # The test expects the InvalidStateError: it checks the contract.
        fut = asyncio.get_running_loop().create_future()
        with self.assertRaises(asyncio.InvalidStateError):
            fut.result()


async def main():
    await PendingTest().check()
    t = asyncio.create_task(compute(1))
    try:
        print(t.result())  # want: AL404 "`.result\(\)` on asyncio future `t` \(from `asyncio.create_task`\)"
    except asyncio.InvalidStateError:
        pass
    print(await t)
    print(t.result())
    u = asyncio.create_task(compute(2))
    u.add_done_callback(on_done)
    if u.done():
        print(u.result())
    done, _ = await asyncio.wait({u})
    for d in done:
        print(d.result())
    loop = asyncio.get_running_loop()
    await aliased(loop)
    fut = loop.create_future()
    try:
        fut.exception()  # want: AL404 "`.exception\(\)`"
    except asyncio.InvalidStateError:
        pass
    fut.set_result(3)
    print(fut.result())
    tasks = [asyncio.create_task(compute(i)) for i in range(3)]
    await asyncio.gather(*tasks)
    print([x.result() for x in tasks])
    # An await between creation and result() lets the task run.
    v = asyncio.create_task(compute(4))
    await asyncio.sleep(0.01)
    print(v.result())
