"""AL401-AL405."""
import asyncio
import concurrent.futures


async def a():
    return 1


async def main():
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        try:
            await pool.submit(int)  # want: AL401
        except TypeError:
            pass
        try:
            await asyncio.gather(pool.submit(int))  # want: AL402
        except TypeError:
            pass
        await asyncio.wrap_future(pool.submit(int))
    try:
        await asyncio.wait([a()])  # want: AL403
    except TypeError:
        pass
    ca = a()
    done = [await f for f in asyncio.as_completed([ca])]
    try:
        assert ca in done  # want: AL403
    except AssertionError:
        pass
    t = asyncio.create_task(a())
    try:
        concurrent.futures.wait([t], timeout=0)  # want: AL402
    except AttributeError:
        pass
    try:
        t.result()  # want: AL404
    except asyncio.InvalidStateError:
        pass
    await t
    f = asyncio.Future()  # want: AL405
    f.set_result(None)


# static-only: AL405 a documented API contract: asyncio.Future() works, it is only discouraged
