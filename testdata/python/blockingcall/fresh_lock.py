"""Acquiring a lock the same function has just made, with nothing in
between, takes it at once: nobody else can hold it yet (trio's worker
threads start out with `self._worker_lock = Lock()` then
`self._worker_lock.acquire()`, reached from a coroutine). The twin
acquires the same lock again once another thread has been handed it."""
import asyncio
import threading


class Worker:
    def __init__(self):
        # Locked means no job: a new worker has none.
        self._worker_lock = threading.Lock()
        self._worker_lock.acquire()
        self._thread = threading.Thread(target=self._work, daemon=True)

    def _work(self):
        pass

    def hand_off(self):
        threading.Timer(0.05, self._worker_lock.release).start()
        self._worker_lock.acquire()


async def start():
    return Worker()


async def wait_for_handoff(worker: Worker):
    worker.hand_off()  # want: AL202 "`Worker.hand_off` blocks the event loop in coroutine `wait_for_handoff`: it calls `threading.Lock.acquire`"


async def main():
    worker = await start()
    await wait_for_handoff(worker)
