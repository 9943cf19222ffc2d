"""AL101: an attribute's declared type is its type in every method,
whatever placeholder it starts as. A session opened later is declared
on the placeholder ("self._session: Optional[Session] = None") or in the
class body ("conn: Session"); the declaration, not the None, says what
the attribute holds."""
import asyncio
from typing import Any, Optional


class Session:
    async def close(self):
        await asyncio.sleep(0)


class Pool:
    def close(self):
        pass


class Client:
    conn: Session

    def __init__(self):
        self._session: Optional[Session] = None
        self.conn = None
        self.pool: Pool = None
        self.other: Any = None

    def open(self, make_session, make_pool):
        # The factories' results are unknown here: only the
        # declarations say what the attributes hold.
        self._session = make_session()
        self.conn = make_session()
        self.pool = make_pool()
        self.other = make_session()

    async def forgets(self):
        self._session.close()  # want: AL101 "coroutine `Session.close` is created but never awaited"
        self.conn.close()  # want: AL101 "`Session.close`"

    async def awaits(self):
        await self._session.close()
        await self.conn.close()

    async def sync_close(self):
        # Pool.close is synchronous; Any says nothing.
        self.pool.close()
        await asyncio.gather(self.other.close())


async def main():
    c = Client()
    c.open(Session, Pool)
    await c.forgets()
    await c.awaits()
    await c.sync_close()
