import pytest

from shop.audit import AuditLog
from shop.catalog import handle_lookup
from shop.notify import Notifier
from shop.orders import Orders
from shop.pricing import cart_total
from shop.stock import can_ship


@pytest.mark.asyncio
async def test_place_order():
    orders = Orders(AuditLog())
    order = await orders.place("apple", 2)
    assert order["quantity"] == 2


@pytest.mark.asyncio
async def test_lookup():
    assert (await handle_lookup("pear"))["price"] == 4


@pytest.mark.asyncio
async def test_notify():
    assert await Notifier().order_placed("ann")


@pytest.mark.asyncio
async def test_can_ship():
    assert await can_ship("apple", 3)
    assert not await can_ship("pear", 1)


@pytest.mark.asyncio
async def test_cart_total():
    assert await cart_total([1.2, 2.6]) == 4
