"""AL104: coroutine functions handed to APIs that call them and drop the result."""
import asyncio
import functools
import threading


async def refresh():
    await asyncio.sleep(0)


def sync_refresh():
    pass


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(refresh)  # want: AL104 "coroutine function `refresh` is passed to `loop.call_soon`"
    loop.call_later(0, refresh)  # want: AL104 "`loop.call_later`"
    loop.call_soon(functools.partial(refresh))  # want: AL104 "`refresh`"
    t = threading.Thread(target=refresh)  # want: AL104 "`threading.Thread`"
    t.start()
    await asyncio.to_thread(t.join)

    loop.call_soon(sync_refresh)
    loop.call_soon(lambda: keep.add(loop.create_task(refresh())))
    await asyncio.sleep(0.05)


keep = set()

if __name__ == "__main__":
    asyncio.run(main())
