"""AL101: a timeout scope between storing a coroutine and awaiting it
raises nothing on the way in, so an `except TimeoutError` after it does
not skip the await: the timeout fires only while the coroutine is being
awaited (bleak's Android scanner). The scope may come from a version
test that imports the async_timeout backport before 3.11, the same API.
The twin calls something that can raise before the await, and its
handler carries on without awaiting."""
import asyncio
import sys

if sys.version_info < (3, 11):
    from async_timeout import timeout as async_timeout
else:
    from asyncio import timeout as async_timeout


async def scan(delay):
    await asyncio.sleep(delay)
    return delay


async def timed_out():
    pending = scan(1)
    try:
        async with asyncio.timeout(0.01):
            await pending
    except TimeoutError:
        pass


async def backport_scope():
    pending = scan(1)
    try:
        async with async_timeout(0.01):
            await pending
    except TimeoutError:
        pass


def parse(text):
    return int(text)


async def raises_first():
    pending = scan(0)  # want: AL101 "stored in `pending` but, on some path, never awaited"
    try:
        parse("not a number")
        await pending
    except ValueError:
        pass


async def main():
    await timed_out()
    await backport_scope()
    await raises_first()
