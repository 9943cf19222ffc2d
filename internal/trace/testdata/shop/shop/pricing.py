"""Cart totals; the rounding strategy is chosen by name."""

from shop import rounding


async def cart_total(prices, strategy="bankers"):
    round_price = getattr(rounding, strategy)
    return sum(round_price(p) for p in prices)
