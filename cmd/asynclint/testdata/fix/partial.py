"""AL101 fixes inside async def; the call in a sync function has no fix and remains."""
import asyncio


class Repo:
    async def save(self, item):
        await asyncio.sleep(0)

    async def flush(self):
        self.save(1)  # fixed
        x = 1; self.save(2)  # fixed, mid-line


async def main(repo: Repo):
    asyncio.sleep(1)
    if repo:
        repo.save("é")


def sync_entry(repo):
    Repo().save(3)  # no fix: not inside async def
