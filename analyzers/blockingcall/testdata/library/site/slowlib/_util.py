import time


def retry_pause(delay):
    time.sleep(delay)


def wait_until_ready(n):
    _poll(n)


def _poll(n):
    _check(n)


def _check(n):
    _pause(n)


def _pause(n):
    time.sleep(n)
