import unittest

from shop.catalog import handle_lookup
from shop.notify import Notifier


class NotifierTest(unittest.IsolatedAsyncioTestCase):
    async def test_order_placed(self):
        self.assertTrue(await Notifier().order_placed("bob"))

    async def test_lookup(self):
        self.assertEqual((await handle_lookup("apple"))["price"], 3)


if __name__ == "__main__":
    unittest.main()
