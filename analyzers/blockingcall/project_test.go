package blockingcall_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/expect"
)

// project is a small service in a src/ layout: relative imports, a
// package re-export, a client kept in an attribute, a decorated helper, a
// repository through a base class, offloaded and synchronous-only callers.
// Its third-party imports are not installed, so it is analysed, not run.
var project = map[string]string{
	"src/shop/__init__.py":      "",
	"src/shop/util/__init__.py": "from .files import load_json\n",
	"src/shop/util/files.py": `import json
import os


def load_json(path):
    with open(path) as f:
        return json.load(f)


def ensure_dir(path):
    os.makedirs(path, exist_ok=True)
`,
	"src/shop/util/retry.py": `import functools
import time


def retry(times=3):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            for i in range(times):
                try:
                    return fn(*a, **kw)
                except Exception:
                    time.sleep(0.1 * i)
            return fn(*a, **kw)
        return wrapper
    return deco
`,
	"src/shop/db/__init__.py": "",
	"src/shop/db/repo.py": `import sqlite3

from ..util import load_json


class BaseRepo:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def query(self, sql, *args):
        return self.conn.execute(sql, args).fetchall()


class ProductRepo(BaseRepo):
    def all(self):
        return self.query("select * from products")

    def seed(self, fixture):
        self.rows = list(load_json(fixture))
`,
	"src/shop/api/__init__.py": "",
	"src/shop/api/client.py": `import requests

from shop.util.retry import retry


class PriceClient:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()

    @retry(times=2)
    def price(self, sku):
        return self.session.get(f"{self.base}/price/{sku}").json()
`,
	"src/shop/api/handlers.py": `import asyncio
import logging

from shop.api.client import PriceClient
from shop.db.repo import ProductRepo
from shop.util import files

log = logging.getLogger(__name__)


class Service:
    def __init__(self):
        self.repo = ProductRepo(":memory:")
        self.prices = PriceClient("http://prices")

    async def list_products(self):
        return self.repo.all()  # want: AL202 "\(Service.list_products → ProductRepo.all → BaseRepo.query → sqlite3.Connection.execute\)"

    async def list_products_offloaded(self):
        return await asyncio.to_thread(self.repo.all)

    async def quote(self, sku):
        log.info("quote %s", sku)
        return self.prices.price(sku)  # want: AL202 "\(Service.quote → PriceClient.price → requests.Session.get\)"

    async def seed(self, path):
        self.repo.seed(path)  # want: AL202 "\(Service.seed → ProductRepo.seed → load_json → open\)"

    async def config(self):
        loop = asyncio.get_running_loop()
        cfg = await loop.run_in_executor(None, files.load_json, "cfg.json")
        files.ensure_dir("/tmp/x")  # want: AL202 "\(Service.config → ensure_dir → os.makedirs\)"
        return cfg


def cli():
    print(Service().repo.all())
`,
}

func TestRealisticProject(t *testing.T) {
	dir := t.TempDir()
	for name, src := range project {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := driver.Run(driver.Options{Paths: []string{filepath.Join(dir, "src")}, Config: &config.Config{Select: []string{"AL2"}}})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]expect.Diag{}
	for _, d := range res.Diagnostics {
		byFile[d.Range.File] = append(byFile[d.Range.File], expect.Diag{Line: int(d.Range.Start.Line), Code: d.Code, Message: d.Message})
	}
	for name, src := range project {
		p := filepath.Join(dir, name)
		c, err := expect.ParsePython(p, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, prob := range c.Match(byFile[p]) {
			t.Error(prob)
		}
	}
}
