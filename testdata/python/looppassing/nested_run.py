"""AL304: an event loop started inside a running one."""
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return 1


def load():
    coro = fetch()
    try:
        return asyncio.run(coro)  # want: AL304 "`asyncio.run` in `load`.*\(main → load → asyncio.run\)"
    except RuntimeError:
        coro.close()
        raise


def load_if_needed():
    # Probes for a running loop first: only starts one when none runs.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch())
    return None


async def main():
    try:
        load()
    except RuntimeError:
        pass
    assert load_if_needed() is None
    coro = fetch()
    try:
        asyncio.run(coro)  # want: AL304 "`asyncio.run` in coroutine `main`"
    except RuntimeError:
        coro.close()
    other = asyncio.new_event_loop()
    coro = fetch()
    try:
        other.run_until_complete(coro)  # want: AL304 "loop.run_until_complete"
    except RuntimeError:
        coro.close()
    finally:
        other.close()
    print(await fetch())
