from concurrent.futures import Future, ThreadPoolExecutor


def crunch(n):
    return n * 2


class JobRunner:
    def __init__(self, workers: int = 2):
        self.executor = ThreadPoolExecutor(max_workers=workers)
        self.last: Future | None = None

    def start(self, n) -> Future:
        fut = self.executor.submit(crunch, n)
        self.last = fut
        return fut

    def close(self):
        self.executor.shutdown(wait=False)
