"""A fake installed library with synchronous helpers that block."""
from .client import Client, fetch_config, cached_config
from ._util import wait_until_ready


async def ping():
    return True
