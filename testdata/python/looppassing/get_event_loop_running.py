"""AL302: asyncio.get_event_loop() where the running loop is meant."""
import asyncio


def blocking_io():
    return 42


def current_loop():
    return asyncio.get_event_loop()  # want: AL302 "`current_loop`, which only runs on the event loop"


def on_loop_callback(done):
    # Called from a coroutine and scheduled as a loop callback: both run
    # on the loop.
    done.set_result(asyncio.get_event_loop())  # want: AL302 "`on_loop_callback`, which only runs on the event loop"


def in_worker_thread():
    # Runs in an executor thread too, where no loop runs: not reported
    # (get_running_loop() would raise there).
    try:
        return asyncio.get_event_loop()
    except RuntimeError:
        return None


async def main():
    loop = asyncio.get_event_loop()  # want: AL302 "in coroutine `main`"
    assert loop is asyncio.get_running_loop()
    assert current_loop() is loop
    print(await loop.run_in_executor(None, blocking_io))
    assert await loop.run_in_executor(None, in_worker_thread) is None
    assert in_worker_thread() is loop
    policy_loop = asyncio.get_event_loop_policy().get_event_loop()  # want: AL302 "get_event_loop_policy"
    assert policy_loop is loop
    done = loop.create_future()
    loop.call_soon(on_loop_callback, done)
    assert (await done) is loop
    on_loop_callback(loop.create_future())
    assert asyncio.get_running_loop() is loop


# static-only: AL302 in a running loop get_event_loop() returns that loop on 3.11; the rule is about version- and policy-dependent behaviour, which no runtime event shows
