"""An append-only audit log."""

import asyncio


class AuditLog:
    def __init__(self):
        self.entries = []

    async def record(self, event, **fields):
        await asyncio.sleep(0)
        self.entries.append((event, fields))
