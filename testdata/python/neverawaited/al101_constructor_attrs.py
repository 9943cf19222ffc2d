"""AL101: an attribute set from an annotated constructor parameter has the
parameter's type in every method."""
import asyncio
from typing import Optional


class Repo:
    async def save(self):
        await asyncio.sleep(0)


class Service:
    def __init__(self, repo: Repo):
        self.repo = repo

    def current(self):
        return self.repo

    async def forgets(self):
        self.repo.save()  # want: AL101 "coroutine `Repo.save` is created but never awaited"

    async def forgets_through_a_method(self):
        self.current().save()  # want: AL101 "`Repo.save`"

    async def awaits(self):
        await self.repo.save()
        await self.current().save()


class Maybe:
    def __init__(self, repo: Optional[Repo] = None, *, other: "Repo | None" = None):
        self._repo = repo
        self.other = other

    async def forgets(self):
        self._repo.save()  # want: AL101 "`Repo.save`"
        self.other.save()  # want: AL101 "`Repo.save`"

    async def awaits(self):
        await self._repo.save()
        await self.other.save()


class Unannotated:
    def __init__(self, repo):
        self.repo = repo

    async def unknown(self):
        # Nothing says what repo is: no finding without evidence.
        await asyncio.gather(self.repo.save())


async def main():
    s = Service(Repo())
    await s.forgets()
    await s.forgets_through_a_method()
    await s.awaits()
    m = Maybe(Repo(), other=Repo())
    await m.forgets()
    await m.awaits()
    await Unannotated(Repo()).unknown()
