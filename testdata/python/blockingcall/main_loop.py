"""The twin of private_loop.py: a loop made with new_event_loop() that the
program runs on its main thread is the application's loop, so a callback
that blocks it is a warning."""
import asyncio
import time


def flush():
    time.sleep(0.01)  # want: AL203 "`time.sleep` blocks the event loop in `flush`, a callback the loop runs \(registered with `loop.call_soon`\)"


async def serve():
    await asyncio.sleep(0.02)


def main():
    loop = asyncio.new_event_loop()
    loop.call_soon(flush)
    loop.run_until_complete(serve())
    loop.close()


if __name__ == "__main__":
    main()
