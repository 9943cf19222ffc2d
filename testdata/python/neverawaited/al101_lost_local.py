"""AL101: a coroutine parked in a local that some path never awaits."""
import asyncio
import sys


async def work():
    await asyncio.sleep(0)


async def maybe(flag):
    c = work()  # want: AL101 "stored in `c` but, on some path, never awaited"
    if flag:
        await c


async def overwritten():
    c = work()  # want: AL101 "stored in `c`"
    c = work()
    await c


async def always(flag):
    c = work()
    if flag:
        print("awaiting")
    await c


async def handed_on():
    c = work()
    t = asyncio.ensure_future(c)
    await t


async def raised(flag):
    c = work()
    if flag:
        c.close()
        raise ValueError("paths that raise are not counted")
    await c


def check(ok):
    if not ok:
        raise ValueError("bad input")


async def raised_between(ok):
    # If check() raises, the handler goes on without awaiting c.
    try:
        c = work()  # want: AL101 "stored in `c` but, on some path, never awaited"
        check(ok)
        await c
    except ValueError:
        pass


async def both_arms(flag):
    # Handed to create_task on both arms of an if inside try: the test (a
    # local name, a version comparison) cannot raise, so no path from the
    # creation reaches the handler before c is used.
    try:
        c = work()
        if flag and sys.version_info >= (3, 11):
            t = asyncio.create_task(c, name="work")
        else:
            t = asyncio.ensure_future(c)
    except RuntimeError:
        return
    await t


def close_soon(loop):
    # loop.is_running() only reports state: it cannot raise, so the
    # handler is not reached between the creation and either use.
    try:
        c = work()
        if loop.is_running():
            return loop.create_task(c)
        return loop.run_until_complete(c)
    except Exception:
        return None


async def closes_soon():
    await close_soon(asyncio.get_running_loop())


class Runner:
    async def run(self, coro):
        return await coro


class Server:
    def __init__(self):
        self.runner = Runner()
        self.tries = 0

    async def start(self):
        self.tries += 1
        if self.tries == 1:
            raise OSError("address in use")


async def retry(server: Server):
    # Reading server.runner can raise only AttributeError, which the
    # OSError handler does not catch: no path goes round again with c
    # unused.
    while True:
        try:
            c = server.start()
            await server.runner.run(c)
        except OSError:
            continue
        break


async def main():
    await maybe(False)
    await overwritten()
    await always(False)
    await handed_on()
    try:
        await raised(True)
    except ValueError:
        pass
    await raised_between(True)
    await raised_between(False)
    await both_arms(True)
    await both_arms(False)
    await closes_soon()
    await retry(Server())


if __name__ == "__main__":
    asyncio.run(main())
