"""Nothing wrong here: no line may produce an event."""
import asyncio
import contextvars

v = contextvars.ContextVar("v", default=0)


def read():
    return v.get()


async def child(n):
    await asyncio.sleep(0)
    return n


async def main():
    tasks = set()
    for i in range(3):
        t = asyncio.create_task(child(i))
        tasks.add(t)
        t.add_done_callback(tasks.discard)
    print(await asyncio.gather(*tasks))
    v.set(1)
    assert await asyncio.to_thread(read) == 1
    async with asyncio.Lock():
        pass
    try:
        raise ValueError("handled")
    except ValueError:
        pass
