from .ctx import request_id


def record(event):
    return f"{request_id.get()}: {event}"
