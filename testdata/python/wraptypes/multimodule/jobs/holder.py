import asyncio
from concurrent.futures import Future


class Pending:
    def __init__(self, fut: Future, task: asyncio.Task):
        self.fut = fut
        self.task = task
