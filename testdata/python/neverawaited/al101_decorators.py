"""AL101 through decorators that keep (or hide) the coroutine nature."""
import asyncio
import functools


def logged(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        return await fn(*args, **kwargs)

    return wrapper


def passthrough(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


def retry(times):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for _ in range(times):
                try:
                    return await fn(*args, **kwargs)
                except OSError:
                    pass

        return wrapper

    return decorate


def to_sync(fn):
    # Runs the coroutine itself: calls of the decorated function return a
    # plain value, so nothing is left to await.
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@logged
async def save():
    await asyncio.sleep(0)


@passthrough
async def load():
    await asyncio.sleep(0)


@retry(3)
async def send():
    await asyncio.sleep(0)


@to_sync
async def compute():
    return 1


async def main():
    save()  # want: AL101 "`save`"
    load()  # want: AL101 "`load`"
    send()  # want: AL101 "`send`"


if __name__ == "__main__":
    asyncio.run(main())
    compute()
