"""AL102: a task whose coroutine finishes without suspending is done
after its first step, and until then the loop's ready queue holds it:
nothing can destroy it while it is pending. put on an asyncio.Queue
built without a maxsize never waits (aioice hands its ICE state to such
a queue with `asyncio.ensure_future(self._check_list_state.put(...))`).
The twin puts into a full bounded queue: that task stays pending with
no reference but the loop's."""
import asyncio


class Connection:
    def __init__(self):
        self._check_list_state = asyncio.Queue()

    def completed(self):
        asyncio.ensure_future(self._check_list_state.put("completed"))


async def main():
    conn = Connection()
    conn.completed()
    local = asyncio.Queue(maxsize=0)
    asyncio.create_task(local.put(1))
    await asyncio.sleep(0)
    print(await conn._check_list_state.get(), local.qsize())

    full = asyncio.Queue(maxsize=1)
    full.put_nowait(0)
    asyncio.ensure_future(full.put(1))  # want: AL102 "task created by `asyncio.ensure_future` is not referenced"
    await asyncio.sleep(0)
