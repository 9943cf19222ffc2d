"""Rounding strategies, looked up by name (pricing.cart_total)."""

import time


def bankers(value):
    time.sleep(0.001)  # the legacy rounding service is slow
    return round(value)


def up(value):
    return -int(-value // 1)
