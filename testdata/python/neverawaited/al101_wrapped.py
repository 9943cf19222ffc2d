"""AL101 where the coroutine hides behind a wrapper the types describe:
a decorator annotated to return Callable[..., Result[T]] with Result a
Coroutine (aiosqlite's @contextmanager), an object awaited to open it
whose __await__ is annotated (aio_pika's channels), a generic base
binding the type variable its __await__ and __aenter__ give (aiohttp's
request context managers), a synchronous function returning a Coroutine
object, and a method of a generic base class (Base[T])."""
import asyncio
from typing import Any, Callable, Coroutine, Generator, Generic, TypeVar

T = TypeVar("T")


class Result(Coroutine[Any, Any, T]):
    """Awaitable wrapper around one coroutine (send/throw/close delegate)."""

    def __init__(self, coro: Coroutine[Any, Any, T]) -> None:
        self._coro = coro

    def send(self, value):
        return self._coro.send(value)

    def throw(self, typ, val=None, tb=None):
        return self._coro.throw(typ, val, tb)

    def close(self) -> None:
        self._coro.close()

    def __await__(self) -> Generator[Any, None, T]:
        return self._coro.__await__()


def wrapped(method: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., Result[T]]:
    def wrapper(self, *args, **kwargs) -> Result[T]:
        return Result(method(self, *args, **kwargs))

    return wrapper


class Rows:
    async def fetchone(self):
        return (1,)


class Database:
    @wrapped
    async def execute(self, sql: str) -> Rows:
        await asyncio.sleep(0)
        return Rows()


class Channel:
    async def declare(self, name: str) -> str:
        return name


class Opening:
    """Awaited to open: gives the channel."""

    def __await__(self) -> Generator[Any, None, "Channel"]:
        yield from asyncio.sleep(0).__await__()
        return Channel()


class Response:
    async def json(self) -> dict:
        return {}


class RequestContext(Result[Response]):
    """Awaited or entered: gives the Response its generic base names."""

    async def __aenter__(self) -> T:
        return await self

    async def __aexit__(self, *exc) -> None:
        pass


async def _request() -> Response:
    await asyncio.sleep(0)
    return Response()


def get() -> RequestContext:
    # A synchronous function that returns a Coroutine: its callers hold
    # a coroutine.
    return RequestContext(_request())


class Store(Generic[T]):
    async def save(self, item: T) -> T:
        return item


class Users(Store[str]):
    pass


async def main():
    db = Database()
    db.execute("create table t (x)")  # want: AL101 "`Database.execute`"
    rows = await db.execute("select x from t")
    rows.fetchone()  # want: AL101 "`Rows.fetchone`"
    await (await db.execute("select 1")).fetchone()

    channel = await Opening()
    channel.declare("jobs")  # want: AL101 "`Channel.declare`"
    await channel.declare("mail")

    resp = await get()
    resp.json()  # want: AL101 "`Response.json`"
    async with get() as resp2:
        resp2.json()  # want: AL101 "`Response.json`"
        await resp2.json()
    await get()

    users = Users()
    users.save("ann")  # want: AL101 "`Store.save`"
    await users.save("bob")


if __name__ == "__main__":
    asyncio.run(main())
