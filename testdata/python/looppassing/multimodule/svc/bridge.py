from .legacy import load_twice


def refresh_all():
    # No async construct here: a synchronous layer between the coroutine
    # and the helper that starts a loop.
    return [load_twice()]
