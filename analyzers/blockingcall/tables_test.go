package blockingcall_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/internal/casetest"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
)

// The third-party clients are not installed where the runnable cases are
// verified, so their table entries are checked here on sources that are
// analysed but never run.
const thirdParty = `import boto3
import httpx
import psycopg2
import pymongo
import pymysql
import redis
import requests
import urllib3


async def clients(url):
    requests.get(url)  # want: AL201 "` + "`requests.get`" + `.*aiohttp.ClientSession.get"
    with requests.Session() as s:
        s.post(url)  # want: AL201 "` + "`requests.Session.post`" + `"
    httpx.get(url)  # want: AL201 "httpx.AsyncClient.get"
    with httpx.Client() as c:
        c.get(url)  # want: AL201 "` + "`httpx.Client.get`" + `"
    client = httpx.AsyncClient()
    await client.get(url)
    urllib3.PoolManager().request("GET", url)  # want: AL201
    conn = psycopg2.connect("dbname=x")  # want: AL201 "psycopg"
    cur = conn.cursor()
    cur.execute("select 1")  # want: AL201 "` + "`psycopg2.extensions.cursor.execute`" + `"
    cur.fetchall()  # want: AL201
    my = pymysql.connect(host="x")  # want: AL201 "aiomysql"
    my.cursor().execute("select 1")  # want: AL201
    r = redis.Redis()
    r.get("k")  # want: AL201 "` + "`redis.Redis.get`" + `.*redis.asyncio.Redis"
    r.pipeline()
    pipe = r.pipeline()
    mongo = pymongo.MongoClient()
    mongo.app.users.find_one({})  # want: AL201 "pymongo.MongoClient.app.users.find_one"
    mongo.app.users.find({})
    s3 = boto3.client("s3")
    s3.get_object(Bucket="b", Key="k")  # want: AL201 "` + "`botocore.client.BaseClient.get_object`" + `.*aioboto3"
    s3.get_paginator("list_objects_v2")


def fetch(url):
    return requests.get(url).json()


async def handler(url):
    return fetch(url)  # want: AL202 "\(handler → fetch → requests.get\)"
`

// stdlibForms covers what the runnable cases cannot: the non-blocking
// forms (which the runtime harness records as calls all the same) and
// blocking APIs the harness does not wrap.
const stdlibForms = `import asyncio
import concurrent.futures
import os
import queue
import socket
import sqlite3
import subprocess
import threading


async def blocking():
    os.path.exists("x")  # want: AL201 "` + "`os.path.exists`" + `"
    os.path.normpath("x")
    os.listdir(".")  # want: AL201 "` + "`os.listdir`" + `"
    proc = subprocess.Popen(["true"])  # want: AL201 "` + "`subprocess.Popen`" + `"
    proc.wait()  # want: AL201 "` + "`subprocess.Popen.wait`" + `"
    proc.wait(timeout=0)
    os.waitpid(proc.pid, 0)  # want: AL201 "` + "`os.waitpid`" + `"
    os.waitpid(proc.pid, os.WNOHANG)
    conn = sqlite3.connect(":memory:")  # want: AL201
    conn.execute("select 1")  # want: AL201 "` + "`sqlite3.Connection.execute`" + `"
    with concurrent.futures.ThreadPoolExecutor() as pool:
        list(pool.map(str, [1]))  # want: AL201 "` + "`concurrent.futures.Executor.map`" + `"
        pool.shutdown(wait=False)
        pool.shutdown()  # want: AL201 "` + "`concurrent.futures.Executor.shutdown`" + `"


async def non_blocking(flag):
    q = queue.Queue()
    q.put(1, block=False)
    q.put_nowait(2)
    q.get(False)
    q.get(block=False)
    q.get(flag)
    q.get_nowait()
    q.get(True, 1)  # want: AL201 "` + "`queue.Queue.get`" + `"
    lock = threading.Lock()
    lock.acquire(blocking=False)
    lock.acquire(False)
    lock.acquire(timeout=0)
    lock.acquire(timeout=1)  # want: AL201
    event = threading.Event()
    event.wait(0)
    sock = socket.socket()
    sock.setblocking(False)
    sock.recv(1)
    other = socket.socket()
    other.recv(1)  # want: AL201 "` + "`socket.socket.recv`" + `"
`

func TestStdlibForms(t *testing.T) {
	casetest.CheckSource(t, "forms.py", stdlibForms, &config.Config{Select: []string{"AL2"}})
}

// extended is checked with extend-blocking-calls naming an external
// function and a function of the project.
const extended = `import mylib


def slow_io():
    return 1


async def main():
    mylib.fetch_sync()  # want: AL201 "` + "`mylib.fetch_sync`" + `"
    slow_io()  # want: AL201 "` + "`extended.slow_io`" + `"
    mylib.other()
`

func TestThirdPartyTables(t *testing.T) {
	casetest.CheckSource(t, "clients.py", thirdParty, &config.Config{Select: []string{"AL2"}})
}

func TestExtendBlockingCalls(t *testing.T) {
	casetest.CheckSource(t, "extended.py", extended, &config.Config{Select: []string{"AL2"},
		ExtendBlockingCalls: []string{"mylib.fetch_sync", "extended.slow_io"}})
}

// TestColdPaths lints a tree that contains its own warnings module (as
// linting the standard library does): warnings.warn reads source lines
// from files, but chains are not followed through it.
func TestColdPaths(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"warnings.py": "def warn(msg):\n    with open(__file__) as f:\n        return f.read()\n",
		"app.py": `import warnings


def deprecated():
    warnings.warn("old")


def really_slow():
    return open(__file__).read()


async def main():
    deprecated()
    really_slow()  # want: AL202 "\(main → really_slow → open\)"
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := driver.Run(driver.Options{Paths: []string{dir}, Config: &config.Config{Select: []string{"AL2"}}})
	if err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(dir, "app.py")
	c, _ := expect.ParsePython(app, []byte(files["app.py"]))
	var got []expect.Diag
	for _, d := range res.Diagnostics {
		got = append(got, expect.Diag{Line: int(d.Range.Start.Line), Code: d.Code, Message: d.Message})
		if d.Range.File != app {
			t.Errorf("diagnostic outside app.py: %v", d)
		}
	}
	for _, p := range c.Match(got) {
		t.Error(p)
	}
}
