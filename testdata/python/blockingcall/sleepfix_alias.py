"""AL201's safe fix with asyncio imported under another name."""
import asyncio as aio
import time


async def main():
    time.sleep(0.01)  # want: AL201 "use `await asyncio.sleep`"
    await aio.sleep(0.01)


if __name__ == "__main__":
    aio.run(main())
