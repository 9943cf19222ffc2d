import asyncio


class BaseRepository:
    async def commit(self):
        await asyncio.sleep(0)
