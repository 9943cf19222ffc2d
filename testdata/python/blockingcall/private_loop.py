"""AL203 on loops a function created with new_event_loop() and runs on a
thread of its own: the callbacks do block those loops (the runtime sees
it), but nothing else runs there, so the findings are info. main_loop.py
is the twin where the same loop is the program's main loop: a warning."""
import asyncio
import threading
import time


def flush():
    time.sleep(0.01)  # want: AL203 "`time.sleep` blocks the event loop in `flush`, a callback the loop runs \(registered with `loop.call_soon`\)"


def poll():
    time.sleep(0.01)  # want: AL203 "in `poll`, a callback the loop runs \(registered with `loop.call_soon_threadsafe`\)"


def run_private():
    # Runs as a thread's target, on a loop of its own.
    loop = asyncio.new_event_loop()
    loop.call_soon(flush)
    loop.call_soon(loop.stop)
    loop.run_forever()
    loop.close()


def start_background():
    # Hands the loop's run_forever to a thread of its own.
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever)
    runner.start()
    loop.call_soon_threadsafe(poll)
    loop.call_soon_threadsafe(loop.stop)
    runner.join()
    loop.close()


if __name__ == "__main__":
    worker = threading.Thread(target=run_private)
    worker.start()
    worker.join()
    start_background()
