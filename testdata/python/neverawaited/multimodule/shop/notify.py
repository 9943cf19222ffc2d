import asyncio


async def send(msg):
    await asyncio.sleep(0)
