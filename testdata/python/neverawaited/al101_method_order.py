"""A method is looked up in Python's method resolution order (C3): in
AsyncManager(Manager, AsyncStore), where Manager and AsyncStore both derive
from Store, self.load() is AsyncStore's coroutine, not the synchronous
Store.load a depth-first walk reaches first; calling it without await
loses the load."""
import asyncio


class Store:
    def load(self):
        return b""


class AsyncStore(Store):
    async def load(self):
        return await asyncio.to_thread(super().load)


class Manager(Store):
    def size(self, data):
        return len(data)


class AsyncManager(Manager, AsyncStore):
    async def refresh(self):
        self.load()  # want: AL101 "coroutine `AsyncStore.load` is created but never awaited"

    async def get(self):
        return self.size(await self.load())


class SyncManager(Manager):
    async def refresh(self):
        self.load()


async def main():
    await AsyncManager().refresh()
    await AsyncManager().get()
    await SyncManager().refresh()
