"""AL201: blocking calls written directly in coroutines, and offloads that
must stay silent. (The non-blocking forms — block=False, timeout=0,
non-blocking sockets — and APIs the runtime harness does not record are
checked statically in analyzers/blockingcall/tables_test.go.)"""
import asyncio
import concurrent.futures
import pathlib
import queue
import socket
import sqlite3
import subprocess
import threading
import time


def work():
    time.sleep(0.2)  # long enough that result() finds the future still running on a loaded machine
    return 1


async def blocking_calls():
    time.sleep(0.01)  # want: AL201 "`time.sleep` blocks the event loop in coroutine `blocking_calls`; use `await asyncio.sleep`"
    with open(__file__) as f:  # want: AL201 "`open` blocks the event loop"
        f.read()  # want: AL201 "`io.IOBase.read`"
    pathlib.Path(__file__).read_text()  # want: AL201 "`pathlib.Path.read_text`"
    subprocess.run(["true"])  # want: AL201 "`subprocess.run`.*asyncio.create_subprocess_exec"
    lock = threading.Lock()
    lock.acquire()  # new: nobody else can hold it yet
    # Another thread releases it a little later, so the second acquire
    # really waits.
    threading.Timer(0.05, lock.release).start()
    lock.acquire()  # want: AL201 "`threading.Lock.acquire`.*asyncio.Lock.acquire"
    lock.release()
    q = queue.Queue(maxsize=1)
    q.put(1)  # want: AL201 "`queue.Queue.put`"
    q.get_nowait()
    # The item comes from another thread a little later, so get really
    # waits for it.
    threading.Timer(0.05, q.put, [2]).start()
    q.get()  # want: AL201 "`queue.Queue.get`"
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    # The first client connects from another thread a little later, so
    # accept really waits for it.
    early = []
    threading.Timer(0.05, lambda: early.append(socket.create_connection(srv.getsockname()))).start()
    peer, _ = srv.accept()  # want: AL201 "`socket.socket.accept`"
    client = socket.create_connection(srv.getsockname())  # want: AL201 "`socket.create_connection`.*asyncio.open_connection"
    client.sendall(b"x")  # want: AL201 "`socket.socket.sendall`"
    for s in (client, peer, srv, *early):
        s.close()
    conn = sqlite3.connect(":memory:")  # want: AL201 "`sqlite3.connect`.*aiosqlite"
    conn.close()
    t = threading.Thread(target=work)
    t.start()
    t.join()  # want: AL201 "`threading.Thread.join`"
    with concurrent.futures.ThreadPoolExecutor() as pool:
        pool.submit(work).result()  # want: AL201 "`concurrent.futures.Future.result`.*asyncio.wrap_future"


async def offloaded():
    loop = asyncio.get_running_loop()
    await asyncio.to_thread(time.sleep, 0.01)
    await asyncio.to_thread(work)
    await loop.run_in_executor(None, work)
    await asyncio.to_thread(lambda: time.sleep(0.01))
    with concurrent.futures.ThreadPoolExecutor() as pool:
        fut = pool.submit(work)
        await asyncio.wrap_future(fut)
    t = threading.Thread(target=work)
    t.start()
    await asyncio.to_thread(t.join)


def synchronous_only():
    time.sleep(0.01)
    open(__file__).close()


async def main():
    await blocking_calls()
    await offloaded()


if __name__ == "__main__":
    synchronous_only()
    asyncio.run(main())
