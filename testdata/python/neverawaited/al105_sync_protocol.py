"""AL105: synchronous with/for on objects that only speak the async protocol."""
import asyncio


class Session:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


class Both:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


async def ticks():
    yield 1


class Service:
    def __init__(self):
        self.lock = asyncio.Lock()

    async def locked(self):
        with self.lock:  # want: AL105 "`with` used on `asyncio.Lock`, which only supports `async with`"
            pass

    async def good(self):
        async with self.lock:
            pass


async def session():
    with Session():  # want: AL105 "`Session`"
        pass


async def iterate():
    for t in ticks():  # want: AL105 "`for` used on async generator"
        print(t)


async def fine():
    with Both():
        pass
    async for t in ticks():
        print(t)


async def main():
    for case in (Service().locked, session, iterate):
        try:
            await case()
        except (TypeError, AttributeError):
            pass
    await Service().good()
    await fine()


if __name__ == "__main__":
    asyncio.run(main())
