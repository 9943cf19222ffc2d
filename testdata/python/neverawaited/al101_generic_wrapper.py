"""AL101 through a generic wrapper whose type argument is given where it
is used, not in a base class: a factory annotated "-> Opener[Tracer]"
(aiopg's connect, aiozipkin's create) returns an object that awaiting
or "async with" turns into a Tracer, by its __await__ and __aenter__
annotated with the type variable. Without the argument ("-> Opener"),
nothing says what it gives."""
import asyncio
from typing import Any, Awaitable, Generator, Generic, TypeVar

T = TypeVar("T")


class Opener(Generic[T]):
    def __init__(self, coro: Awaitable[T]) -> None:
        self._coro = coro
        self._obj = None

    def __await__(self) -> Generator[Any, None, T]:
        return self._coro.__await__()

    async def __aenter__(self) -> T:
        self._obj = await self._coro
        return self._obj

    async def __aexit__(self, *exc) -> None:
        await self._obj.close()


class Tracer:
    async def close(self) -> None:
        await asyncio.sleep(0)


async def build() -> Tracer:
    return Tracer()


def create() -> Opener[Tracer]:
    return Opener(build())


def create_untyped() -> Opener:
    return Opener(build())


async def forgets(opened: Opener[Tracer]):
    tracer = await create()
    tracer.close()  # want: AL101 "coroutine `Tracer.close` is created but never awaited"
    async with create() as t2:
        t2.close()  # want: AL101 "`Tracer.close`"
    t3 = await opened
    t3.close()  # want: AL101 "`Tracer.close`"


async def awaits():
    tracer = await create()
    await tracer.close()
    async with create() as t2:
        await t2.close()


async def unknown():
    t = await create_untyped()
    await asyncio.gather(t.close())


async def main():
    await forgets(create())
    await awaits()
    await unknown()
