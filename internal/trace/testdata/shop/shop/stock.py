"""Stock levels; the synchronous API is for the command-line tools."""

import asyncio

LEVELS = {"apple": 10, "pear": 0}


async def fetch_level(sku):
    await asyncio.sleep(0)
    return LEVELS.get(sku, 0)


def level_sync(sku):
    return asyncio.run(fetch_level(sku))


async def can_ship(sku, quantity):
    try:
        return level_sync(sku) >= quantity
    except RuntimeError:
        return await fetch_level(sku) >= quantity
