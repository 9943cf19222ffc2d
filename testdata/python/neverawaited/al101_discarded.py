"""AL101: coroutines created by expression statements and dropped."""
import asyncio


class Base:
    async def close(self):
        await asyncio.sleep(0)


class Repo(Base):
    async def save(self, item):
        await asyncio.sleep(0)

    @classmethod
    async def create(cls):
        return cls()

    @staticmethod
    async def ping():
        return True

    async def flush(self):
        self.close()  # want: AL101 "coroutine `Base.close` is created but never awaited"
        super().close()  # want: AL101 "`Base.close`"
        self.ping()  # want: AL101 "`Repo.ping`"
        type(self).create  # a reference, not a call: nothing is created


async def fetch(n):
    await asyncio.sleep(0)
    return n


def fetch_later(n):
    return fetch(n)


async def main():
    repo = Repo()
    fetch_later(5)  # want: AL101 "coroutine `fetch` \(returned by `fetch_later`\)"
    repo.save(1)  # want: AL101 "`Repo.save`"
    asyncio.sleep(0.01)  # want: AL101 "`asyncio.sleep`"
    fetch(2)  # want: AL101 "`fetch`"
    Repo.create()  # want: AL101 "`Repo.create`"
    await repo.flush()
    asyncio.wait_for(fetch(3), 1)  # want: AL101 "`asyncio.wait_for`"


def sync_entry():
    # Also a bug in synchronous code: the coroutine is dropped (no fix here).
    fetch(4)  # want: AL101 "`fetch`"


if __name__ == "__main__":
    asyncio.run(main())
    sync_entry()
