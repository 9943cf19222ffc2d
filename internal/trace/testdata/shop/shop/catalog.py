"""Looking up prices: the handler reads through two helpers."""

import time

PRICES = {"apple": 3, "pear": 4}


def _rate_limit():
    time.sleep(0.01)


def _load_price(sku):
    _rate_limit()
    return PRICES[sku]


async def handle_lookup(sku):
    price = _load_price(sku)
    return {"sku": sku, "price": price}
