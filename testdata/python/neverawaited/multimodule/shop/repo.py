from .base import BaseRepository


class Repository(BaseRepository):
    async def add(self, item):
        self.item = item
