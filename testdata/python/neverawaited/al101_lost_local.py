"""AL101: a coroutine parked in a local that some path never awaits."""
import asyncio


async def work():
    await asyncio.sleep(0)


async def maybe(flag):
    c = work()  # want: AL101 "stored in `c` but, on some path, never awaited"
    if flag:
        await c


async def overwritten():
    c = work()  # want: AL101 "stored in `c`"
    c = work()
    await c


async def always(flag):
    c = work()
    if flag:
        print("awaiting")
    await c


async def handed_on():
    c = work()
    t = asyncio.ensure_future(c)
    await t


async def raised(flag):
    c = work()
    if flag:
        c.close()
        raise ValueError("paths that raise are not counted")
    await c


async def main():
    await maybe(False)
    await overwritten()
    await always(False)
    await handed_on()
    try:
        await raised(True)
    except ValueError:
        pass


if __name__ == "__main__":
    asyncio.run(main())
