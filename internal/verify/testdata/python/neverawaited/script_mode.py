"""A case with its own __main__ block: the harness runs it as a script."""
import asyncio


async def work():
    return 1


def run():
    loop = asyncio.new_event_loop()
    try:
        work()  # want: AL101
        return loop.run_until_complete(work())
    finally:
        loop.close()


if __name__ == "__main__":
    run()
