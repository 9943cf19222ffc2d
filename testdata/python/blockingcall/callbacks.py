"""AL203: blocking calls in code the event loop runs itself — callbacks
registered with call_soon/call_later/add_done_callback, and protocol
methods — and callbacks that stay silent."""
import asyncio
import functools
import socket
import threading
import time


def slow_flush(data):
    time.sleep(0.01)
    return data


def on_tick():
    time.sleep(0.01)  # want: AL203 "`time.sleep` blocks the event loop in `on_tick`, a callback the loop runs \(registered with `loop.call_soon`\)"


def on_later(tag):
    slow_flush(tag)  # want: AL203 "`slow_flush` blocks the event loop in `on_later`, a callback .*: it calls `time.sleep` \(on_later → slow_flush → time.sleep\)"


def on_quick():
    return 1


def on_readable(loop, fd):
    loop.remove_reader(fd)
    time.sleep(0.01)  # want: AL203 "`time.sleep` blocks the event loop in `on_readable`, a callback the loop runs \(registered with `loop.add_reader`\)"


def in_thread():
    time.sleep(0.01)


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(slow_flush(data))  # want: AL203 "`slow_flush` blocks the event loop in protocol callback `Echo.data_received`"

    def helper_not_a_callback(self):
        time.sleep(0.01)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(on_tick)
    loop.call_later(0.01, functools.partial(on_later, "x"))
    loop.call_soon(on_quick)
    fut = loop.create_future()
    fut.add_done_callback(lambda f: time.sleep(0.01))  # want: AL203 "`time.sleep` blocks the event loop in `main.<lambda>`"
    fut.set_result(None)
    threading.Thread(target=in_thread).start()
    r, w = socket.socketpair()
    w.setblocking(False)
    loop.add_reader(r.fileno(), on_readable, loop, r.fileno())
    await loop.sock_sendall(w, b"x")
    await asyncio.sleep(0.05)
    r.close()
    w.close()
    a, b = socket.socketpair()
    transport, _ = await loop.create_connection(Echo, sock=b)
    a.setblocking(False)
    await loop.sock_sendall(a, b"ping")
    await asyncio.sleep(0.05)
    transport.close()
    a.close()


if __name__ == "__main__":
    asyncio.run(main())
