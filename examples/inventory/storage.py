import asyncio


class Store:
    """An in-memory store that pretends to be remote."""

    def __init__(self):
        self.items = {}
        self.lock = asyncio.Lock()

    async def put(self, key, value):
        async with self.lock:
            await asyncio.sleep(0.001)
            self.items[key] = value

    async def get(self, key):
        await asyncio.sleep(0.001)
        return self.items.get(key)

    async def close(self):
        await asyncio.sleep(0)


class AuditedStore(Store):
    async def put(self, key, value):
        await super().put(key, value)
        self.audit(key)

    async def audit(self, key):
        await asyncio.sleep(0)
