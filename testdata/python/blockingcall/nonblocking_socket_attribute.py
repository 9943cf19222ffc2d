"""A socket that a coroutine hands to loop.sock_recv is in non-blocking
mode (the loop's sock_* methods require it), so its other calls there do
not wait, even when another function put it in that mode and it is read
through an attribute (discord.py's voice handshake: state.socket.sendto,
then loop.sock_recv(state.socket)). The blocking twin puts the same
attribute in blocking mode and reads it without the loop's help."""
import asyncio
import socket
import threading


class Connection:
    def __init__(self, sock: socket.socket):
        self.socket = sock


def connect(sock: socket.socket) -> Connection:
    sock.setblocking(False)
    return Connection(sock)


class Handshake:
    def __init__(self, state: Connection):
        self._connection = state

    async def discover(self) -> bytes:
        state = self._connection
        state.socket.send(b"ping")
        return await asyncio.get_running_loop().sock_recv(state.socket, 64)


class BlockingHandshake:
    def __init__(self, state: Connection):
        self._connection = state

    async def discover(self) -> bytes:
        state = self._connection
        state.socket.setblocking(True)
        return state.socket.recv(64)  # want: AL201 "`socket.socket.recv` blocks the event loop in coroutine `BlockingHandshake.discover`"


async def main():
    a, b = socket.socketpair()
    threading.Timer(0.05, lambda: b.send(b.recv(64) + b"-pong")).start()
    assert await Handshake(connect(a)).discover() == b"ping-pong"
    threading.Timer(0.05, b.send, [b"late"]).start()
    assert await BlockingHandshake(Connection(a)).discover() == b"late"
    a.close()
    b.close()
