"""AL104 (coroutine functions given to callers that drop their result) and
AL105 (synchronous protocols on asynchronous objects)."""
import asyncio
import threading


async def refresh(*args):
    pass


async def ticks():
    yield 1


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.call_soon(refresh)  # want: AL104
    except TypeError:
        pass
    t = threading.Thread(target=refresh)  # want: AL104
    t.start()
    await asyncio.to_thread(t.join)
    fut = loop.create_future()
    fut.add_done_callback(refresh)  # want: AL104
    try:
        fut.set_result(1)
    except TypeError:
        pass
    loop.call_soon(print, "a plain callback is fine")
    lock = asyncio.Lock()
    try:
        with lock:  # want: AL105
            pass
    except TypeError:
        pass
    try:
        for _ in ticks():  # want: AL105
            pass
    except TypeError:
        pass
    async with lock:
        pass
