import asyncio


async def fetch():
    await asyncio.sleep(0)
    return "data"


def load_sync():
    coro = fetch()
    try:
        return asyncio.run(coro)  # want: AL304 "`asyncio.run` in `load_sync`.*\(main → refresh → load_sync → asyncio.run\)"
    except RuntimeError:
        coro.close()
        return None


def load_twice():
    coro = fetch()
    try:
        return asyncio.run(coro)  # want: AL304 "\(main → refresh_all → load_twice → asyncio.run\)"
    except RuntimeError:
        coro.close()
        return None
