"""AL104 through callers outside the loop: a signal handler and an atexit
function, each attributed to the line that registered it."""
import asyncio
import atexit
import os
import signal


async def cleanup(*args):
    pass


def flush():
    pass


async def main():
    atexit.register(cleanup)  # want: AL104
    atexit.register(flush)
    signal.signal(signal.SIGUSR2, cleanup)  # want: AL104
    os.kill(os.getpid(), signal.SIGUSR2)
    await asyncio.sleep(0.01)
    signal.signal(signal.SIGUSR2, signal.SIG_DFL)
