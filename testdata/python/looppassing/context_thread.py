"""AL305: a ContextVar read on a thread that does not inherit the context."""
import asyncio
import contextvars
import functools
import threading

request_id = contextvars.ContextVar("request_id", default="-")


def log_line(msg):
    return f"[{request_id.get()}] {msg}"


def process(payload):
    return log_line(f"processing {payload}")


def handle(payload):
    return process(payload)


def pure(payload):
    return payload * 2


async def main():
    request_id.set("req-1")
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, handle, 1))  # want: AL305 "handle → process → log_line → request_id.get"
    print(await loop.run_in_executor(None, pure, 1))
    print(await asyncio.to_thread(handle, 2))
    ctx = contextvars.copy_context()
    print(await loop.run_in_executor(None, ctx.run, handle, 3))
    print(await loop.run_in_executor(None, functools.partial(handle, 5)))  # want: AL305 "runs `handle`"
    print(await loop.run_in_executor(None, lambda: process(6)))  # want: AL305 "<lambda> → process → log_line → request_id.get"
    worker = threading.Thread(target=handle, args=(4,))  # want: AL305 "`threading.Thread` runs `handle`"
    worker.start()
    await asyncio.to_thread(worker.join)
