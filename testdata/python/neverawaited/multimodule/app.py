"""AL101 across modules: re-exports, inherited methods, module attributes."""
import asyncio

import shop.notify as notify_mod
from shop import Repository, notify


async def handle(repo: Repository):
    repo.add(1)  # want: AL101 "`Repository.add`"
    repo.commit()  # want: AL101 "`BaseRepository.commit`"
    notify.send("x")  # want: AL101 "`send`"
    notify_mod.send("y")  # want: AL101 "`send`"
    await repo.commit()


def sync_caller():
    # A synchronous module-level function dropping an imported coroutine.
    Repository().commit()  # want: AL101 "`BaseRepository.commit`"


async def main():
    await handle(Repository())
    sync_caller()


if __name__ == "__main__":
    asyncio.run(main())
