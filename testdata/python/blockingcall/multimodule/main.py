"""AL202 across modules: the chains go through store.py into textutil.py,
which only store.py imports."""
import asyncio

import store


async def handle(path):
    fs = store.FileStore(path)
    data = fs.load()  # want: AL202 "`FileStore.load` blocks the event loop in coroutine `handle`: it calls `pathlib.Path.read_text` \(handle → FileStore.load → FileStore._raw → pathlib.Path.read_text\)"
    store.clean(data)  # want: AL202 "`clean` blocks the event loop in coroutine `handle`: it calls `time.sleep` \(handle → clean → slow_normalize → time.sleep\)"
    store.quick(data)
    return await asyncio.to_thread(fs.load)


async def main():
    await handle(__file__)


if __name__ == "__main__":
    asyncio.run(main())
