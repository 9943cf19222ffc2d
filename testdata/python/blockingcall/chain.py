"""AL202: blocking calls reached through synchronous helpers — chains
three calls deep, recursion, methods through base classes, constructors,
a helper shared by sync and async callers, and offloaded helpers."""
import asyncio
import concurrent.futures
import threading
import time


def read_config():
    with open(__file__) as f:
        return f.read()


def parse():
    return read_config().splitlines()


def load():
    return len(parse())


async def handler():
    return load()  # want: AL202 "`load` blocks the event loop in coroutine `handler`: it calls `open` \(handler → load → parse → read_config → open\)"


def countdown(n):
    if n > 0:
        return countdown(n - 1)
    time.sleep(0.01)


def ping(n):
    if n > 0:
        pong(n - 1)


def pong(n):
    if n > 0:
        ping(n - 1)
    else:
        time.sleep(0.01)


def spin(n):
    # Recursive, and never blocks.
    return spin(n - 1) if n > 0 else 0


async def recursive():
    countdown(3)  # want: AL202 "`countdown` .*: it calls `time.sleep` \(recursive → countdown → time.sleep\)"
    ping(3)  # want: AL202 "\(recursive → ping → pong → time.sleep\)"
    spin(3)


class Store:
    def _read(self):
        time.sleep(0.01)
        return b""


class CachedStore(Store):
    def fetch(self):
        return self._read()


class Settings:
    def __init__(self):
        self.text = read_config()


async def methods():
    store = CachedStore()
    store.fetch()  # want: AL202 "`CachedStore.fetch` .*: it calls `time.sleep` \(methods → CachedStore.fetch → Store._read → time.sleep\)"
    Settings()  # want: AL202 "`Settings.__init__` .*: it calls `open`"


def read_lines():
    # A generator: its body runs while the caller iterates it.
    with open(__file__) as f:
        yield from f


def numbers():
    yield 1


async def iterate():
    for line in read_lines():  # want: AL202 "`read_lines` blocks the event loop in coroutine `iterate`: it calls `open` \(iterate → read_lines → open\)"
        pass
    lines = read_lines()
    await asyncio.to_thread(list, lines)
    for n in numbers():
        pass


def slow_step():
    time.sleep(0.01)


def sync_main():
    # The same helper from synchronous code: not reported here.
    slow_step()
    load()


async def async_main():
    slow_step()  # want: AL202 "`slow_step` blocks the event loop in coroutine `async_main`"


def only_in_threads():
    time.sleep(0.01)


def thread_body():
    only_in_threads()


async def offloaded():
    loop = asyncio.get_running_loop()
    await asyncio.to_thread(load)
    await loop.run_in_executor(None, thread_body)
    with concurrent.futures.ThreadPoolExecutor() as pool:
        await asyncio.wrap_future(pool.submit(only_in_threads))
    t = threading.Thread(target=thread_body)
    t.start()
    await asyncio.to_thread(t.join)


async def main():
    await handler()
    await recursive()
    await methods()
    await async_main()
    await iterate()
    await offloaded()


if __name__ == "__main__":
    sync_main()
    asyncio.run(main())
