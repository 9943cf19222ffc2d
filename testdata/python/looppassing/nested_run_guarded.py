"""AL304 holds for the call at hand: helpers that start a loop only on a
branch the call's arguments rule out are clean here (nested_run_guarded_twin.py
calls the same helpers with arguments that take the branch)."""
import asyncio


async def work():
    await asyncio.sleep(0)
    return 1


def serve(loop, coro, run_async=False):
    # Inside a running loop the caller asks for the coroutine back.
    if run_async:
        return coro
    return loop.run_until_complete(coro)


def probe(loop, timeout=3):
    # One short run of the loop per second of timeout.
    for _ in range(timeout):
        loop.run_until_complete(asyncio.sleep(0))


def settle(loop, coro, rounds=2, run_async=False):
    # Recursive: the last round runs the loop.
    if run_async:
        return coro
    if rounds > 0:
        return settle(loop, coro, rounds - 1, run_async)
    return loop.run_until_complete(coro)


def run_sync(coro, mode="thread"):
    if mode == "inline":
        return asyncio.run(coro)
    coro.close()
    return None


async def main():
    loop = asyncio.get_running_loop()
    print(await serve(loop, work(), run_async=True))
    print(await settle(loop, work(), run_async=True))
    probe(loop, timeout=0)
    probe(loop, 0)
    run_sync(work())
    run_sync(work(), mode="thread")


if __name__ == "__main__":
    asyncio.run(main())
