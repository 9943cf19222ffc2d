"""AL303: asyncio.get_event_loop() where no event loop is running."""
import asyncio
import sys


async def work():
    await asyncio.sleep(0)
    return 1


def run_legacy():
    loop = asyncio.get_event_loop()  # want: AL303 "no event loop is running"
    try:
        return loop.run_until_complete(work())
    finally:
        loop.close()
        asyncio.set_event_loop(None)


def run_explicit():
    # An explicit loop: nothing is created implicitly.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(work())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def run_set_first():
    # A loop set earlier in the same scope: get_event_loop() returns it.
    asyncio.set_event_loop(asyncio.new_event_loop())
    loop = asyncio.get_event_loop()
    try:
        return loop.run_until_complete(work())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def run_compat():
    # Where no loop is set, 3.14 raises RuntimeError (as 3.11 does once
    # set_event_loop(None) was called): the handler provides the loop.
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(work())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


PY_37 = sys.version_info >= (3, 7)


def run_old_by_name():
    # The same test through a module-level name.
    if not PY_37:
        loop = asyncio.get_event_loop()
        return loop.run_until_complete(work())
    return asyncio.run(work())


def run_either():
    # Written for both: inside a running loop it schedules, else it runs.
    loop = asyncio.get_event_loop()
    if loop.is_running():
        return loop.create_task(work())
    return loop.run_until_complete(work())


async def from_a_coroutine():
    return await run_either()


def run_old():
    # Only on versions where get_event_loop() was the way to get a loop.
    if sys.version_info < (3, 7):
        loop = asyncio.get_event_loop()
        return loop.run_until_complete(work())
    return asyncio.run(work())


if __name__ == "__main__":
    print(run_legacy())
    print(run_explicit())
    print(run_set_first())
    print(run_compat())
    print(run_old())
    print(run_old_by_name())
    print(asyncio.run(from_a_coroutine()))
    print(asyncio.run(work()))
