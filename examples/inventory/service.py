import asyncio

from .storage import AuditedStore


class Inventory:
    def __init__(self):
        self.store = AuditedStore()
        self.reserved = asyncio.Lock()
        self.background = set()

    async def restock(self, sku, count):
        await self.store.put(sku, count)
        asyncio.create_task(self.notify(sku))

    async def reserve(self, sku):
        with self.reserved:
            count = await self.store.get(sku) or 0
            await self.store.put(sku, count - 1)

    async def notify(self, sku):
        await asyncio.sleep(0.001)

    async def shutdown(self):
        self.store.close()


async def main():
    inv = Inventory()
    await inv.restock("apple", 3)
    try:
        await inv.reserve("apple")
    except (TypeError, AttributeError):
        pass
    await inv.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
