import socket

from ._util import retry_pause

_cache = {}


def fetch_config(host):
    conn = socket.create_connection((host, 80))
    return conn.recv(100)


def cached_config(host):
    return _cache.get(host)


class Client:
    def __init__(self, host):
        self.host = host

    def get(self, key):
        return self._roundtrip(key)

    def _roundtrip(self, key):
        retry_pause(0.1)
        return key

    def size(self):
        return len(self.host)

    async def aget(self, key):
        return key
