from . import audit


def handle(payload):
    return audit.record(f"handled {payload}")


def checksum(payload):
    return sum(payload)
