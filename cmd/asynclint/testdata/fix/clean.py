import asyncio


async def ping():
    await asyncio.sleep(0)


async def main():
    ping()
    asyncio.sleep(0.1)
    await ping()
