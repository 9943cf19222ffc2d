"""AL201/AL202: a name bound more than once is typed at each use by the
bindings that reach it — `path = Path(path)` makes the parameter a Path
from there on — and stays unknown where the bindings that reach it differ."""
import asyncio
import io
import tempfile
from pathlib import Path


async def rebound_parameter(path):
    path = Path(path)
    with path.open() as f:  # want: AL201 "`pathlib.Path.open`"
        f.read()  # want: AL201 "`io.IOBase.read`"


def save(path, text) -> None:
    path = Path(path)
    with path.open("w") as f:
        f.write(text)


async def rebound_in_helper(path):
    save(path, "x")  # want: AL202 "`save` blocks .* it calls `pathlib.Path.open`"


async def in_memory_first(path):
    # The first read reaches the BytesIO only: no I/O. The second reaches
    # the file opened after it.
    f = io.BytesIO(b"x")
    f.read()
    f = open(path, "rb")  # want: AL201 "`open`"
    f.read()  # want: AL201 "`io.IOBase.read`"
    f.close()


async def either(path, spool: bool):
    # Either binding may reach the write, an in-memory buffer or a file:
    # the type is unknown there, and nothing is claimed.
    f = io.BytesIO()
    if not spool:
        f = await asyncio.to_thread(open, path, "wb")
    f.write(b"x")
    f.close()


async def main():
    here = Path(__file__)
    work = Path(tempfile.mkdtemp())
    await rebound_parameter(str(here))
    await rebound_in_helper(str(work / "saved"))
    await in_memory_first(here)
    await either(work / "spooled", True)
    await either(work / "written", False)


if __name__ == "__main__":
    asyncio.run(main())
