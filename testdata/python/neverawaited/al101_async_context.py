"""AL101 on what an @asynccontextmanager function yields: "async with"
binds the yielded value, known by the return annotation or by the yields
of the body."""
import asyncio
import contextlib
from contextlib import asynccontextmanager
from typing import AsyncGenerator, AsyncIterator


class Session:
    async def commit(self) -> None:
        await asyncio.sleep(0)


@asynccontextmanager
async def annotated() -> AsyncIterator[Session]:
    yield Session()


@contextlib.asynccontextmanager
async def generator_annotated() -> AsyncGenerator[Session, None]:
    yield Session()


@asynccontextmanager
async def unannotated():
    session = Session()
    yield session


@asynccontextmanager
async def either(flag: bool):
    # Two yields of different things: nothing is known of the target.
    if flag:
        yield Session()
    else:
        yield "no session"


async def main():
    async with annotated() as s:
        s.commit()  # want: AL101 "`Session.commit`"
        await s.commit()
    async with generator_annotated() as s2:
        s2.commit()  # want: AL101 "`Session.commit`"
    async with unannotated() as s3:
        s3.commit()  # want: AL101 "`Session.commit`"
    async with either(False) as s4:
        s4.upper()
    annotated()  # makes no coroutine: an unentered context manager is inert


if __name__ == "__main__":
    asyncio.run(main())
