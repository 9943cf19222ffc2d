"""AL305 and AL304 across modules: a ContextVar read two calls below a
run_in_executor target, a loop started two calls below a coroutine (once
through a module with no async construct)."""
import asyncio

from svc.ctx import request_id
from svc.handlers import checksum, handle
from svc.bridge import refresh_all
from svc.legacy import load_sync


def refresh():
    return load_sync()


async def main():
    request_id.set("req-42")
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, handle, "order"))  # want: AL305 "handle → record → request_id.get"
    print(await loop.run_in_executor(None, checksum, [1, 2]))
    print(await asyncio.to_thread(handle, "order"))
    print(refresh())
    print(refresh_all())
