"""AL201: file objects, known by what opened them or by their annotation,
read and write the disk when their data methods run in a coroutine;
in-memory files and offloaded calls stay silent."""
import asyncio
import bz2
import gzip
import io
import lzma
import netrc
import os
import ssl
import tempfile
from pathlib import Path
from typing import IO, BinaryIO, TextIO


async def annotated(text: io.TextIOWrapper, raw: io.BufferedReader, out: io.BufferedWriter,
                    both: io.BufferedRandom):
    text.read()  # want: AL201 "`io.IOBase.read`"
    raw.readline()  # want: AL201 "`io.IOBase.readline`"
    out.write(b"x")  # want: AL201 "`io.IOBase.write`"
    out.flush()  # want: AL201 "`io.IOBase.flush`"
    both.seek(0)  # want: AL201 "`io.IOBase.seek`"
    both.truncate()  # want: AL201 "`io.IOBase.truncate`"


async def typed(anything: IO[str], text: TextIO, data: BinaryIO):
    anything.readlines()  # want: AL201 "`io.IOBase.readlines`"
    text.writelines(["a\n"])  # want: AL201 "`io.IOBase.writelines`"
    data.read()  # want: AL201 "`io.IOBase.read`"


async def opened(path: Path):
    f = open(path)  # want: AL201 "`open`"
    f.read()  # want: AL201 "`io.IOBase.read`"
    f.close()
    with path.open() as g:  # want: AL201 "`pathlib.Path.open`"
        g.readline()  # want: AL201 "`io.IOBase.readline`"
    with io.open(path, "rb") as h:  # want: AL201 "`io.open`"
        h.read()  # want: AL201 "`io.IOBase.read`"


async def temporary():
    with tempfile.TemporaryFile() as t:  # want: AL201 "`tempfile.TemporaryFile`"
        t.write(b"x")  # want: AL201 "`io.IOBase.write`"
    with tempfile.NamedTemporaryFile() as n:  # want: AL201 "`tempfile.NamedTemporaryFile`"
        n.write(b"x")  # want: AL201 "`io.IOBase.write`"
    # In memory until it outgrows max_size (never, with the default 0).
    with tempfile.SpooledTemporaryFile() as s:
        s.write(b"x")


async def compressed_in_memory(data: bytes) -> bytes:
    # Compressing into a buffer touches no file.
    buf = io.BytesIO()
    with gzip.GzipFile(mode="wb", fileobj=buf) as z:
        z.write(data)
    return buf.getvalue()


async def compressed(path: Path):
    with gzip.open(path / "a.gz", "wb") as z:  # want: AL201 "`gzip.open`"
        z.write(b"x")  # want: AL201 "`io.IOBase.write`"
    with bz2.open(path / "a.bz2", "wb") as b:  # want: AL201 "`bz2.open`"
        b.write(b"x")  # want: AL201 "`io.IOBase.write`"
    with lzma.open(path / "a.xz", "wb", preset=0) as x:  # want: AL201 "`lzma.open`"
        x.write(b"x")  # want: AL201 "`io.IOBase.write`"


async def descriptor(path: Path):
    fd = await asyncio.to_thread(os.open, path, os.O_RDONLY)
    f = os.fdopen(fd)
    f.read()  # want: AL201 "`io.IOBase.read`"
    f.close()


async def certificates(bundle: str, home: Path):
    ssl.create_default_context(cafile=bundle)  # want: AL201 "`ssl.create_default_context`"
    ctx = ssl.create_default_context()
    ctx.load_verify_locations(bundle)  # want: AL201 "`ssl.SSLContext.load_verify_locations`"
    netrc.netrc(home / ".netrc")  # want: AL201 "`netrc.netrc`"


async def in_memory():
    s = io.StringIO()
    s.write("x")
    s.seek(0)
    s.read()
    b = io.BytesIO(b"x")
    b.read()


async def offloaded(text: io.TextIOWrapper, path: Path):
    await asyncio.to_thread(text.read)
    data = await asyncio.to_thread(path.read_bytes)
    return data


def synchronous(text: TextIO):
    return text.read()


def setup():
    here = Path(__file__)
    work = Path(tempfile.mkdtemp())
    (work / ".netrc").write_text("machine example.com login a password b\n")
    os.chmod(work / ".netrc", 0o600)
    files = (open(here), open(here, "rb"), open(work / "o", "wb"), open(work / "r", "w+b"),
             open(here), open(work / "t", "w"), open(here, "rb"))
    return here, work, files


class Upload:
    # An attribute typed only by a protocol (BinaryIO) may hold a BytesIO
    # or a spooled file still in memory: not taken for a disk file.
    def __init__(self, file: BinaryIO) -> None:
        self.file = file

    async def write(self, data: bytes) -> None:
        self.file.write(data)


async def main():
    await Upload(io.BytesIO()).write(b"x")
    here, work, files = await asyncio.to_thread(setup)
    bundle = ssl.get_default_verify_paths().cafile
    await annotated(*files[:4])
    await typed(*files[4:])
    await opened(here)
    await temporary()
    await compressed(work)
    await compressed_in_memory(b"x")
    await descriptor(here)
    if bundle:
        await certificates(bundle, work)
    await in_memory()
    await offloaded(files[0], here)
    await asyncio.to_thread(synchronous, files[4])
    for f in files:
        f.close()
