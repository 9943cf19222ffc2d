"""queue.Queue() without a maxsize never fills, so its put never waits;
a bounded queue's put can (the twin)."""
import asyncio
import queue
import threading


class Session:
    def __init__(self) -> None:
        self._send: "queue.Queue[bytes]" = queue.Queue()
        self._bounded: "queue.Queue[bytes]" = queue.Queue(maxsize=1)

    async def send(self, message: bytes) -> None:
        self._send.put(message)

    async def send_bounded(self, message: bytes) -> None:
        self._bounded.put(message)  # want: AL201 "`queue.Queue.put` blocks the event loop"


async def main():
    s = Session()
    await s.send(b"a")
    await s.send(b"b")
    await s.send_bounded(b"c")
    # A consumer thread makes room a little later: the second put waits.
    threading.Timer(0.05, s._bounded.get).start()
    await s.send_bounded(b"d")


if __name__ == "__main__":
    asyncio.run(main())
