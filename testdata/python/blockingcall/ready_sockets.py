"""Socket calls that cannot wait, and their blocking twins.

A socket in non-blocking mode raises BlockingIOError instead of waiting
(code that catches it is written for that mode), a callback added with
add_reader runs when its socket is readable, and a numeric host needs no
resolver: one named by AI_NUMERICHOST (directly or through a module-level
constant) or spelled as an address literal."""
import asyncio
import socket
import threading


class Stream:
    def __init__(self, sock: socket.socket):
        sock.setblocking(False)
        self._sock = sock

    async def receive(self) -> bytes:
        while True:
            try:
                return self._sock.recv(1024)
            except BlockingIOError:
                await asyncio.sleep(0.01)


class BlockingStream:
    def __init__(self, sock: socket.socket):
        self._sock = sock

    async def receive(self) -> bytes:
        return self._sock.recv(1024)  # want: AL201 "`socket.socket.recv` blocks the event loop"


def numeric(addr: str) -> str:
    info = socket.getaddrinfo(addr, None, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    return info[0][4][0]


def resolved(host: str) -> str:
    return socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)[0][4][0]


# Set once at module level, as trio spells its numeric-only flags.
NUMERIC_ONLY = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV


def numeric_only(host: str, port: str) -> str:
    return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM, 0, NUMERIC_ONLY)[0][4][0]


def loopback() -> str:
    # An address spelled as a literal is parsed, not looked up.
    return socket.getaddrinfo("127.0.0.1", 0, type=socket.SOCK_STREAM)[0][4][0]


async def peers() -> str:
    host, _ = socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
    by_name = resolved("localhost")  # want: AL202 "`resolved` blocks the event loop in coroutine `peers`: it calls `socket.getaddrinfo`"
    return numeric("127.0.0.1") + numeric_only("::1", "80") + loopback() + host + by_name


async def main():
    a, b = socket.socketpair()
    b.setblocking(False)
    b.send(b"ping")
    assert await Stream(a).receive() == b"ping"
    a.setblocking(True)
    # The peer answers from another thread a little later: the blocking
    # read waits for it with the loop stopped.
    threading.Timer(0.05, b.send, [b"pong"]).start()
    assert await BlockingStream(a).receive() == b"pong"

    loop = asyncio.get_running_loop()
    got = loop.create_future()

    def on_readable() -> None:
        loop.remove_reader(a)
        got.set_result(a.recv(1024))  # readable: this recv does not wait

    loop.add_reader(a, on_readable)
    b.send(b"ready")
    assert await got == b"ready"
    await peers()
    a.close()
    b.close()


if __name__ == "__main__":
    asyncio.run(main())
