"""AL302: asyncio.get_event_loop() where a loop is running."""
import asyncio


def blocking_io():
    return 42


def _current_loop():
    # Private, and only coroutines call it: it runs on the loop.
    return asyncio.get_event_loop()  # want: AL302 "`_current_loop`, which only runs on the event loop, returns the running loop"


def _on_loop_callback(done):
    # Called from a coroutine and scheduled as a loop callback: both run
    # on the loop.
    done.set_result(asyncio.get_event_loop())  # want: AL302 "`_on_loop_callback`, which only runs on the event loop"


def current_loop():
    # Public: importable and callable from anywhere, with or without a
    # running loop; that only this file's coroutine calls it says nothing.
    return asyncio.get_event_loop()


def in_worker_thread():
    # Runs in an executor thread too, where no loop runs: not reported
    # (get_running_loop() would raise there).
    try:
        return asyncio.get_event_loop()
    except RuntimeError:
        return None


def _running_loop():
    # Falls back to get_event_loop() only where get_running_loop() is
    # missing (3.6).
    try:
        return asyncio.get_running_loop()
    except AttributeError:
        return asyncio.get_event_loop()


async def main():
    loop = asyncio.get_event_loop()  # want: AL302 "in coroutine `main` returns the running loop; `asyncio.get_running_loop\(\)` says so and cannot create a loop by accident"
    assert loop is asyncio.get_running_loop()
    assert _current_loop() is _running_loop() is loop
    assert current_loop() is loop
    print(await loop.run_in_executor(None, blocking_io))
    assert await loop.run_in_executor(None, in_worker_thread) is None
    assert in_worker_thread() is loop

    def nested():
        return asyncio.get_event_loop()  # want: AL302 "`main.<locals>.nested`, which only runs on the event loop"

    assert nested() is loop
    done = loop.create_future()
    loop.call_soon(_on_loop_callback, done)
    assert (await done) is loop
    _on_loop_callback(loop.create_future())


async def policy_loop():
    return asyncio.get_event_loop_policy().get_event_loop()  # want: AL302 "in coroutine `policy_loop` ignores the running loop: it returns the loop set for the thread"


if __name__ == "__main__":
    asyncio.run(main())
    # The policy hands out the thread's loop even while another one runs
    # the coroutine.
    current = asyncio.new_event_loop()
    asyncio.set_event_loop(current)
    other = asyncio.new_event_loop()
    try:
        assert other.run_until_complete(policy_loop()) is current
    finally:
        other.close()
        asyncio.set_event_loop(None)
        current.close()
