"""Placing orders."""

from shop.audit import AuditLog


class Orders:
    def __init__(self, audit: AuditLog):
        self.audit = audit
        self.placed = []

    async def place(self, sku, quantity):
        order = {"sku": sku, "quantity": quantity}
        self.placed.append(order)
        self.audit.record("order-placed", sku=sku)
        return order
