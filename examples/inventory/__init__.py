"""A small inventory service: an HTTP-less asyncio core with a few genuine bugs."""
