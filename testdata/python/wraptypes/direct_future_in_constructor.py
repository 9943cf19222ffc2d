"""AL405 at warning: asyncio.Future() in a constructor binds to whatever
loop asyncio.get_event_loop() returns where the object is made. A client
made before asyncio.run gets a future of another loop, and awaiting it in
asyncio.run's loop raises RuntimeError ("attached to a different loop"),
as aiomqtt #335 reported. direct_future_in_helper.py is the info twin."""
import asyncio


class Client:
    def __init__(self):
        self.connected = asyncio.Future()  # want: AL405 "`asyncio.Future` is instantiated directly; without `loop=`"

    def on_connect(self):
        self.connected.set_result(True)


async def connect(client):
    asyncio.get_running_loop().call_soon(client.on_connect)
    try:
        await client.connected
    except RuntimeError as e:
        return str(e)
    return ""


if __name__ == "__main__":
    # A loop set for the thread (as older code and test fixtures do);
    # asyncio.run makes its own.
    asyncio.set_event_loop(asyncio.new_event_loop())
    client = Client()
    refused = asyncio.run(connect(client))
    assert "attached to a different loop" in refused, refused
    client.connected.get_loop().close()


# static-only: AL405 a documented API contract; the assert shows the future belongs to another loop than the one awaiting it
