"""AL202 holds for the call at hand: a helper whose blocking branch is ruled
out by the call's arguments (a literal, None or a new object, an omitted
argument's default, passed on to a second helper) is not reported; the same
helper called with arguments that take the branch is. The witness is the
costliest blocking call the call can reach, and a branch the arguments
cannot decide is named in the message."""
import asyncio
import os
import socket
import time


class Transport:
    def __init__(self, ca=b""):
        self.ca = ca


def load_ca_bundle():
    with open(__file__, "rb") as f:  # stands in for the CA bundle
        return f.read()


class Client:
    def __init__(self, transport=None):
        # A transport given by the caller needs no TLS context of ours.
        if transport is not None:
            self.transport = transport
            return
        self.transport = Transport(load_ca_bundle())


class Session:
    def __init__(self, transport=None):
        if transport is None:
            transport = Transport(load_ca_bundle())
        self.transport = transport


def resolve(host, port):
    # Only a name needs a DNS lookup.
    if host == "localhost":
        return socket.getaddrinfo(host, port)
    return [(socket.AF_INET, socket.SOCK_STREAM, 0, "", (host, port))]


class Node:
    def __init__(self, host, port):
        self.addrs = resolve(host, port)


def retry(attempts, delay=0.01):
    for _ in range(attempts):
        time.sleep(delay)


def quick_check():
    # A helper calling the helper with an argument that skips the wait.
    retry(0)


def slow_check():
    retry(2)


def settings(path, cached=True):
    # Cached: read a local file; otherwise wait for the settings server.
    if cached:
        with open(path) as f:
            return f.read()
    time.sleep(0.01)
    return ""


def refresh(path):
    # Stats the path, then parses it: the read is the costlier call.
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read()


def backoff():
    time.sleep(0.01)


def stat_then_wait(path):
    # A metadata call here, a wait one call further: the wait is named.
    os.stat(path)
    backoff()


async def clean():
    Client(transport=Transport())
    t = Transport(b"pinned")
    Client(transport=t)
    Session(Transport())
    Node("127.0.0.1", 7000)
    Node(host="10.0.0.1", port=7000)
    retry(0)
    retry(attempts=0, delay=1)
    quick_check()


async def blocking(host):
    Client()  # want: AL202 "`Client.__init__` blocks the event loop in coroutine `blocking`: it calls `open` \(blocking → Client.__init__ → load_ca_bundle → open\)"
    Client(transport=None)  # want: AL202 "`Client.__init__` .*: it calls `open`"
    Session()  # want: AL202 "`Session.__init__` .*: it calls `open` \(blocking → Session.__init__ → load_ca_bundle → open\)"
    Node("localhost", 7000)  # want: AL202 "`Node.__init__` .*: it calls `socket.getaddrinfo` \(blocking → Node.__init__ → resolve → socket.getaddrinfo\)"
    Node(host, 7000)  # want: AL202 "`Node.__init__` .*: it calls `socket.getaddrinfo` only when `host == \"localhost\"` \(blocking → Node.__init__ → resolve → socket.getaddrinfo\)"
    resolve(host, 7000)  # want: AL202 "`resolve` .*: it calls `socket.getaddrinfo` only when `host == \"localhost\"` \(blocking → resolve → socket.getaddrinfo\)"
    retry(1)  # want: AL202 "`retry` .*: it calls `time.sleep` \(blocking → retry → time.sleep\)"
    slow_check()  # want: AL202 "`slow_check` .*: it calls `time.sleep` \(blocking → slow_check → retry → time.sleep\)"
    settings(__file__)  # want: AL202 "`settings` .*: it calls `open` \(blocking → settings → open\)"
    settings(__file__, cached=False)  # want: AL202 "`settings` .*: it calls `time.sleep` \(blocking → settings → time.sleep\)"
    refresh(__file__)  # want: AL202 "`refresh` .*: it calls `open` \(blocking → refresh → open\)"
    stat_then_wait(__file__)  # want: AL202 "`stat_then_wait` .*: it calls `time.sleep` \(blocking → stat_then_wait → backoff → time.sleep\)"


async def main():
    await clean()
    await blocking("localhost")


if __name__ == "__main__":
    asyncio.run(main())
