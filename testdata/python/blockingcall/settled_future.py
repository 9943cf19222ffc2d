"""A concurrent future that set_result or set_exception has completed
stays done: result() and exception() on it return at once. tenacity's
RetryCallState makes a Future, settles it and only then stores it in
self.outcome, which otherwise holds None, so a coroutine that reads
retry_state.outcome.exception() never waits; nor does one that calls
result() on what a factory returns after settling it. The twin stores a
future that a timer thread completes later: reading it from a coroutine
waits for that thread."""
import asyncio
import concurrent.futures
import threading


class Outcome(concurrent.futures.Future):
    def __init__(self, attempt):
        super().__init__()
        self.attempt = attempt

    @classmethod
    def construct(cls, attempt, value, has_exception):
        fut = cls(attempt)
        if has_exception:
            fut.set_exception(value)
        else:
            fut.set_result(value)
        return fut


class RetryState:
    def __init__(self):
        self.outcome = None
        self.outcome_timestamp = None

    def set_result(self, value):
        fut = Outcome(1)
        fut.set_result(value)
        self.outcome = fut

    def set_exception(self, exc):
        fut = Outcome(1)
        fut.set_exception(exc)
        self.outcome, self.outcome_timestamp = fut, 0.0

    def failed(self):
        return self.outcome.exception() is not None


def last_result(state: RetryState):
    fut = state.outcome
    if fut is None:
        return None
    return fut.result()


class Pending:
    def __init__(self):
        self.outcome = None

    def start(self):
        fut = Outcome(1)
        threading.Timer(0.05, fut.set_result, args=(7,)).start()
        self.outcome = fut

    def value(self):
        return self.outcome.result()


async def retried():
    state = RetryState()
    state.set_exception(ValueError("attempt failed"))
    print(state.failed())
    state.set_result(3)
    print(last_result(state))
    print(Outcome.construct(2, 5, False).result())


async def waits():
    pending = Pending()
    pending.start()
    print(pending.value())  # want: AL202 "`Pending.value` blocks the event loop in coroutine `waits`: it calls `concurrent.futures.Future.result`"


async def main():
    await retried()
    await waits()
