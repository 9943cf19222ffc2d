"""AL101, AL102, AL103: coroutines and tasks created and lost."""
import asyncio


async def fetch():
    await asyncio.sleep(0)


async def forever():
    await asyncio.Event().wait()


async def main():
    asyncio.sleep(1)  # want: AL101
    fetch()  # want: AL101 "fetch"
    await fetch()
    asyncio.create_task(forever())  # want: AL102
    kept = asyncio.create_task(fetch())
    await kept
    c = fetch()
    await c
    try:
        await c  # want: AL103
    except RuntimeError:
        pass
