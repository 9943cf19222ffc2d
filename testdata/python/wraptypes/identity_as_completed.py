"""AL403: identity tests of input coroutines against as_completed's futures."""
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    x = fetch("x", 0)
    y = fetch("y", 0.01)
    for fut in asyncio.as_completed([x, y]):
        name = await fut
        if name == "x":
            try:
                assert fut is x, "as_completed yields a new task"  # want: AL403 "`is` compares a coroutine passed to `asyncio.as_completed`.*always False"
            except AssertionError:
                pass
    tx = asyncio.create_task(fetch("x", 0))
    ty = asyncio.create_task(fetch("y", 0.01))
    for fut in asyncio.as_completed([tx, ty]):
        print(await fut, fut is tx)
