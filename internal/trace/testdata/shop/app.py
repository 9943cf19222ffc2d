"""Places one order from the command line: python3 app.py SKU QUANTITY"""

import asyncio
import sys

from shop.audit import AuditLog
from shop.orders import Orders


async def main(sku, quantity):
    order = await Orders(AuditLog()).place(sku, quantity)
    print(f"placed {order['quantity']} x {order['sku']}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
