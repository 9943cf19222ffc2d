"""A method is looked up in Python's method resolution order (C3), not
depth-first: AsyncManager(Manager, AsyncStore), where Manager and AsyncStore
both derive from Store, runs AsyncStore.load (a coroutine that reads in a
thread), not the blocking Store.load a depth-first walk reaches first
(jupyter_server's AsyncFileContentsManager and its _read_notebook). A
manager without the async mixin still blocks."""
import asyncio


class Store:
    def load(self):
        with open(__file__, "rb") as f:
            return f.read()


class AsyncStore(Store):
    async def load(self):
        return await asyncio.to_thread(super().load)


class Manager(Store):
    def size(self, data):
        return len(data)


class AsyncManager(Manager, AsyncStore):
    async def get(self):
        return self.size(await self.load())


class SyncManager(Manager):
    async def get(self):
        return self.size(self.load())  # want: AL202 "`Store.load` blocks the event loop in coroutine `SyncManager.get`: it calls `open` \(SyncManager.get → Store.load → open\)"


async def main():
    await AsyncManager().get()
    await SyncManager().get()


if __name__ == "__main__":
    asyncio.run(main())
