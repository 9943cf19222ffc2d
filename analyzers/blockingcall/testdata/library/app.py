import slowlib
from slowlib import Client


async def main():
    slowlib.fetch_config("db.local")  # want: AL202 "fetch_config"
    slowlib.cached_config("db.local")
    client = Client("db.local")
    client.get("k")  # want: AL202 "Client.get"
    client.size()
    # Four calls down to the sleep: past what is followed into a library.
    slowlib.wait_until_ready(1)
    await client.aget("k")


def sync_main():
    slowlib.fetch_config("db.local")
