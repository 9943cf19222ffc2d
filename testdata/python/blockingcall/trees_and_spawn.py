"""AL201: copying or removing a directory tree, and os.spawn* with P_WAIT,
in a coroutine; the same work offloaded stays silent."""
import asyncio
import os
import shutil
import tempfile
from pathlib import Path


async def trees(work: Path):
    shutil.copytree(work / "a", work / "b")  # want: AL201 "`shutil.copytree`"
    shutil.rmtree(work / "b")  # want: AL201 "`shutil.rmtree`"
    await asyncio.to_thread(shutil.copytree, work / "a", work / "c")
    await asyncio.to_thread(shutil.rmtree, work / "c")


async def spawn():
    os.spawnv(os.P_WAIT, "/bin/true", ["true"])  # want: AL201 "`os.spawnv`"
    os.spawnlp(os.P_WAIT, "true", "true")  # want: AL201 "`os.spawnlp`"
    await asyncio.to_thread(os.spawnv, os.P_WAIT, "/bin/true", ["true"])


def setup():
    work = Path(tempfile.mkdtemp())
    (work / "a").mkdir()
    (work / "a" / "f").write_text("x")
    return work


async def main():
    work = await asyncio.to_thread(setup)
    await trees(work)
    await spawn()
    await asyncio.to_thread(shutil.rmtree, work)
