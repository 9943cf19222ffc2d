"""A plain helper module imported only by store.py. It is lowered because
main.py imports store, which imports it."""
import time


def slow_normalize(text):
    time.sleep(0.01)
    return text.strip()
