"""AL403: asyncio.wait given coroutines (TypeError from 3.11)."""
import asyncio


async def fetch(name):
    await asyncio.sleep(0)
    return name


async def main():
    a, b = fetch("a"), fetch("b")
    try:
        done, pending = await asyncio.wait([a, b])  # want: AL403 "`asyncio.wait` is given coroutines"
    except TypeError:
        a.close()
        b.close()
    coros = [fetch(n) for n in "cd"]
    try:
        await asyncio.wait(coros)  # want: AL403 "TypeError"
    except TypeError:
        for c in coros:
            c.close()
    # Tasks created first keep their identity.
    ta = asyncio.create_task(fetch("a"))
    tb = asyncio.create_task(fetch("b"))
    done, pending = await asyncio.wait({ta, tb})
    assert ta in done and tb in done
    # as_completed over coroutines is fine when nothing compares identities.
    for fut in asyncio.as_completed([fetch("e"), fetch("f")]):
        print(await fut)
