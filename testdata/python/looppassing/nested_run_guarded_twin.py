"""AL304: the helpers of nested_run_guarded.py called with arguments that
take the loop-starting branch; where a call cannot decide the branch, the
message names the condition."""
import asyncio


async def work():
    await asyncio.sleep(0)
    return 1


def serve(loop, coro, run_async=False):
    # Inside a running loop the caller asks for the coroutine back.
    if run_async:
        return coro
    return loop.run_until_complete(coro)  # want: AL304 "`loop.run_until_complete` in `serve` starts an event loop inside the running one of coroutine `main` \(main → serve → loop.run_until_complete\)"


def probe(loop, timeout=3):
    # One short run of the loop per second of timeout.
    for _ in range(timeout):
        loop.run_until_complete(asyncio.sleep(0))  # want: AL304 "`loop.run_until_complete` in `probe` .* coroutine `main` \(main → probe → loop.run_until_complete\)"


def settle(loop, coro, rounds=2, run_async=False):
    # Recursive: the last round runs the loop.
    if run_async:
        return coro
    if rounds > 0:
        return settle(loop, coro, rounds - 1, run_async)
    return loop.run_until_complete(coro)  # want: AL304 "`loop.run_until_complete` in `settle` .* coroutine `main` \(main → settle → loop.run_until_complete\)"


def run_sync(coro, mode="thread"):
    if mode == "inline":
        return asyncio.run(coro)  # want: AL304 "`asyncio.run` in `run_sync` .* coroutine `check` only when `mode == \"inline\"` \(check → run_sync → asyncio.run\)"
    coro.close()
    return None


async def check(mode):
    coro = work()
    try:
        run_sync(coro, mode)
    except RuntimeError:
        coro.close()


async def main():
    loop = asyncio.get_running_loop()
    coro = work()
    try:
        serve(loop, coro)
    except RuntimeError:
        coro.close()
    coro = work()
    try:
        settle(loop, coro)
    except RuntimeError:
        coro.close()
    try:
        probe(loop, timeout=1)
    except RuntimeError:
        pass
    await check("inline")


if __name__ == "__main__":
    asyncio.run(main())
