package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// debianLibraries are the Debian packages of the asyncio libraries the
// test application uses, and the modules that must import from them
// (python3-aiopg does not depend on python3-psycopg2, which it imports).
const debianLibraries = "python3-venv python3-aiohttp python3-redis python3-asyncpg python3-httpx python3-aiofiles python3-aiomysql python3-aiosqlite python3-aio-pika python3-websockets python3-aiopg python3-psycopg2 python3-aiozipkin python3-anyio python3-aioftp python3-asyncssh python3-sqlalchemy python3-async-lru"

// TestInstalledLibraries builds a virtual environment over Debian's
// packaged asyncio libraries (python3 -m venv --system-site-packages,
// found as .venv beside pyproject.toml, as a new user would have it),
// checks an application that forgets the awaits of library coroutines,
// and checks that the same application with the awaits is silent.
func TestInstalledLibraries(t *testing.T) {
	python := "/usr/bin/python3"
	probe := exec.Command(python, "-c", "import venv, aiohttp, asyncpg, redis.asyncio, httpx, aiofiles, aiomysql, aiosqlite, aio_pika, websockets, aiopg, aiozipkin, anyio, aioftp, asyncssh, sqlalchemy.ext.asyncio, async_lru")
	if out, err := probe.CombinedOutput(); err != nil {
		msg := "Debian's python3 cannot import the asyncio libraries (" + strings.TrimSpace(string(out)) + "): apt-get install -y " + debianLibraries
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + " to run this test")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // a cold cache of our own
	t.Setenv("VIRTUAL_ENV", "")
	proj := t.TempDir()
	if out, err := exec.Command(python, "-m", "venv", "--system-site-packages", "--without-pip", filepath.Join(proj, ".venv")).CombinedOutput(); err != nil {
		t.Fatalf("venv: %v\n%s", err, out)
	}
	write := func(name, src string) string {
		p := filepath.Join(proj, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("pyproject.toml", "[project]\nname = \"shop\"\nrequires-python = \">=3.11\"\n")
	buggy := `import asyncio

import aio_pika
import aioftp
import aiofiles.os
import aiofiles.tempfile
import aiohttp
import aiomysql
import aiomysql.sa
import aiopg
import aiosqlite
import aiozipkin
import anyio
import async_lru
import asyncpg
import asyncssh
import httpx
import redis.asyncio as redis
import sqlalchemy.ext.asyncio
import websockets


async def fetch(url):
    session = aiohttp.ClientSession()
    session.close()  # want
    async with aiohttp.ClientSession() as s:
        async with s.get(url) as resp:
            await resp.text()
        s.close()  # want
        page = await s.get(url)
        page.json()  # want
        s.post(url)  # want
        async with s.ws_connect(url) as ws:
            ws.send_str("hello")  # want


async def query(dsn):
    conn = await asyncpg.connect(dsn)
    conn.execute("select 1")  # want
    await conn.close()


async def pooled(dsn):
    pool = await asyncpg.create_pool(dsn)
    pool.close()  # want
    async with asyncpg.create_pool(dsn) as pool2:
        pool2.expire_connections()  # want
        async with pool2.acquire() as conn:
            conn.fetch("select 1")  # want
            pool2.acquire()
        conn2 = await pool2.acquire()
        conn2.execute("select 2")  # want


async def mysql(host):
    conn = await aiomysql.connect(host=host)
    conn.commit()  # want
    async with aiomysql.connect(host=host) as conn2:
        conn2.rollback()  # want
    async with aiomysql.create_pool(host=host) as pool:
        pool.wait_closed()  # want
        async with pool.acquire() as conn3:
            conn3.commit()  # want
    cur = await conn.cursor()
    cur.execute("select 1")  # want
    async with conn.cursor() as cur2:
        cur2.fetchall()


async def mysql_sa(host):
    engine = await aiomysql.sa.create_engine(host=host)
    async with engine.acquire() as conn:
        trans = await conn.begin()
        conn.execute("select 1")  # want
        res = await conn.execute("select 1")
        res.fetchall()  # want
        trans.commit()  # want
    engine.close()
    engine.wait_closed()  # want


async def pg(dsn):
    pool = await aiopg.create_pool(dsn)
    async with pool.acquire() as conn:
        async with conn.cursor() as cur:
            cur.execute("select 1")  # want
    pool.close()
    pool.wait_closed()  # want


async def trace(url):
    tracer = await aiozipkin.create(url, aiozipkin.create_endpoint("shop"))
    tracer.close()  # want


async def lite(path):
    db = await aiosqlite.connect(path)
    db.commit()  # want
    db.execute("create table t (x)")  # want
    cur = await db.execute("select x from t")
    cur.fetchone()  # want
    await db.close()


async def publish(url):
    conn = await aio_pika.connect_robust(url)
    channel = await conn.channel()
    channel.declare_queue("jobs")  # want
    await conn.close()


async def cache(k, v):
    r = redis.from_url("redis://localhost")
    r.set(k, v)  # want
    pipe = r.pipeline()
    pipe.execute()  # want
    await r.close()


async def call(url):
    async with httpx.AsyncClient() as client:
        client.get(url)  # want


async def stream(uri):
    async with websockets.connect(uri) as ws:
        ws.send("hello")  # want
        ws.recv()  # want
    ws2 = await websockets.connect(uri)
    ws2.close()  # want


class Relay:
    def __init__(self):
        self.__socket: websockets.WebSocketServerProtocol = None

    async def handler(self, ws, path):
        self.__socket = ws
        await ws.send("ready")

    async def stop(self):
        self.__socket.close()  # want


async def relay():
    async with websockets.serve(Relay().handler, "localhost", 8765) as server:
        server.close()
        server.wait_closed()  # want


async def tidy(path):
    async with aiofiles.open(path, "w") as f:
        f.write("done")  # want
    log = await aiofiles.open(path + ".log")
    log.readline()  # want
    await log.close()
    aiofiles.os.remove(path)  # want
    if await aiofiles.ospath.exists(path):
        return


async def scratch(data):
    async with aiofiles.tempfile.NamedTemporaryFile("w+") as f:
        f.write(data)  # want
        await f.seek(0)
    async with aiofiles.tempfile.SpooledTemporaryFile(max_size=10) as s:
        await s.write(data)
        s.seek(0)  # want
        return await s.read()


async def ftp(host):
    async with aioftp.Client.context(host) as client:
        client.upload("report.csv")  # want
        await client.download("orders.csv")


async def tcp(host):
    stream = await anyio.connect_tcp(host, 25)
    stream.send(b"HELO")  # want
    await stream.receive()
    await stream.aclose()


async def deploy(host):
    async with asyncssh.connect(host) as ssh:
        ssh.run("make install")  # want
    conn = await asyncssh.connect(host)
    conn.wait_closed()  # want


async def report(url):
    engine = sqlalchemy.ext.asyncio.create_async_engine(url)
    async with engine.connect() as db:
        db.execute("select 1")  # want
    await engine.dispose()


@async_lru.alru_cache
async def price(item):
    return 1


@async_lru.alru_cache(maxsize=32)
async def stock(item):
    return 1


async def warm(item):
    price(item)  # want
    stock(item)  # want


async def main():
    await asyncio.gather(fetch("http://x"), query("postgres://"), cache("k", "v"), call("http://x"))
`
	app := write("shop/app.py", buggy)
	var out, errb bytes.Buffer
	code := run([]string{"check", "--statistics", "--select", "AL1", app}, &out, &errb)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errb.String())
	}
	lines := strings.Split(buggy, "\n")
	var want []string
	for i, l := range lines {
		if strings.HasSuffix(l, "# want") {
			want = append(want, filepath.ToSlash(app)+":"+strconv.Itoa(i+1)+":")
		}
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(got) != len(want) {
		t.Errorf("%d findings, want %d:\n%s", len(got), len(want), out.String())
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) || !strings.Contains(out.String(), "AL101") {
			t.Errorf("no AL101 at %s in\n%s", w, out.String())
		}
	}
	if !strings.Contains(errb.String(), ".venv/bin/python3: ") || !strings.Contains(errb.String(), "installed files read") {
		t.Errorf("--statistics does not name the environment:\n%s", errb.String())
	}

	// The same application with its awaits is silent.
	fixed := strings.NewReplacer("    session.close()", "    await session.close()", "        s.close()", "        await s.close()",
		"        page.json", "        await page.json", "        s.post", "        await s.post", "            ws.send_str", "            await ws.send_str",
		"    conn.execute", "    await conn.execute",
		"    pool.close()", "    await pool.close()", "        pool2.expire", "        await pool2.expire", "    conn.commit", "    await conn.commit",
		"        conn2.rollback", "        await conn2.rollback", "        pool.wait_closed", "        await pool.wait_closed",
		"            conn.fetch", "            await conn.fetch", "        conn2.execute", "        await conn2.execute",
		"            conn3.commit", "            await conn3.commit", "    cur.execute", "    await cur.execute", "    db.commit", "    await db.commit", "    db.execute", "    await db.execute", "    cur.fetchone", "    await cur.fetchone",
		"    channel.declare_queue", "    await channel.declare_queue", "    r.set", "    await r.set", "    pipe.execute", "    await pipe.execute", "        client.get", "        await client.get",
		"        ws.send(", "        await ws.send(", "        ws.recv", "        await ws.recv", "    ws2.close", "    await ws2.close",
		"        self.__socket.close", "        await self.__socket.close", "        server.wait_closed", "        await server.wait_closed",
		"        res.fetchall", "        await res.fetchall", "        trans.commit", "        await trans.commit", "    engine.wait_closed", "    await engine.wait_closed",
		"    pool.wait_closed", "    await pool.wait_closed", "    tracer.close", "    await tracer.close",
		"    aiofiles.os.remove", "    await aiofiles.os.remove", "        f.write", "        await f.write", "    log.readline", "    await log.readline",
		"        s.seek", "        await s.seek", "        client.upload", "        await client.upload", "    stream.send", "    await stream.send",
		"        ssh.run", "        await ssh.run", "    conn.wait_closed", "    await conn.wait_closed", "        db.execute", "        await db.execute",
		"    price(", "    await price(", "    stock(", "    await stock(").Replace(buggy)
	write("shop/app.py", fixed)
	out.Reset()
	errb.Reset()
	if code := run([]string{"check", app}, &out, &errb); code != 0 {
		t.Errorf("fixed application: exit %d\n%s%s", code, out.String(), errb.String())
	}

	// Without the environment nothing of the libraries is known.
	write("shop/app.py", buggy)
	out.Reset()
	if code := run([]string{"check", "--python", "none", "--select", "AL1", app}, &out, &errb); code != 0 {
		t.Errorf("--python none: exit %d\n%s", code, out.String())
	}
}
