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
    # The classic mapping: coroutine -> name, looked up with the results.
    jobs = {fetch("a", 0): "a", fetch("b", 0.01): "b"}
    for fut in asyncio.as_completed(jobs):
        await fut
        try:
            assert jobs.get(fut) is not None  # want: AL403 "looked up in a mapping keyed by the coroutines"
        except AssertionError:
            pass
        try:
            assert fut in jobs  # want: AL403 "`in` compares.*always False"
        except AssertionError:
            pass
    tx = asyncio.create_task(fetch("x", 0))
    ty = asyncio.create_task(fetch("y", 0.01))
    for fut in asyncio.as_completed([tx, ty]):
        print(await fut, fut is tx)
    names = {asyncio.create_task(fetch(n, 0)): n for n in "cd"}
    for fut in asyncio.as_completed(names):
        await fut
        print(names.get(fut), fut in names)
