"""A get right after a loop that waits (yielding to the event loop) while
the queue is empty finds an item and does not wait (starlette's test
client: `while q.empty(): await anyio.sleep(0)` then `return q.get()`).
The twins get from the same queue without looking first, or after
emptying it, and wait for the item another thread puts a little later."""
import asyncio
import queue
import threading


class Session:
    def __init__(self):
        self._receive_queue = queue.Queue()

    async def receive(self):
        while self._receive_queue.empty():
            await asyncio.sleep(0)
        return self._receive_queue.get()

    async def receive_after_drain(self):
        while not self._receive_queue.empty():
            self._receive_queue.get_nowait()
        return self._receive_queue.get()  # want: AL201 "`queue.Queue.get` blocks the event loop in coroutine `Session.receive_after_drain`"

    async def receive_blocking(self):
        return self._receive_queue.get()  # want: AL201 "`queue.Queue.get` blocks the event loop in coroutine `Session.receive_blocking`"


async def main():
    session = Session()
    threading.Timer(0.05, session._receive_queue.put, ["early"]).start()
    assert await session.receive() == "early"
    threading.Timer(0.05, session._receive_queue.put, ["late"]).start()
    assert await session.receive_blocking() == "late"
    session._receive_queue.put("stale")
    threading.Timer(0.05, session._receive_queue.put, ["fresh"]).start()
    assert await session.receive_after_drain() == "fresh"
