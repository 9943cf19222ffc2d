"""AL301-AL306."""
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def handle():
    return request_id.get()


async def fetch():
    return 1


async def main():
    loop = asyncio.get_event_loop()  # want: AL302
    try:
        await asyncio.sleep(0, loop=loop)  # want: AL301
    except TypeError:
        pass
    try:
        asyncio.run(fetch())  # want: AL304
    except RuntimeError:
        pass
    request_id.set("r1")
    await loop.run_in_executor(None, handle)  # want: AL305
    await asyncio.to_thread(handle)
    try:
        asyncio.Task.all_tasks()  # want: AL306
    except AttributeError:
        pass


if __name__ == "__main__":
    legacy = asyncio.get_event_loop()  # want: AL303
    legacy.run_until_complete(main())
    legacy.close()
