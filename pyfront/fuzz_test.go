package pyfront

import (
	"testing"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// FuzzLoad: arbitrary bytes never panic or hang the frontend. The seed
// corpus runs as an ordinary test; fuzz by hand with
// go test ./pyfront -fuzz FuzzLoad -fuzztime 5m.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"", "async def f(:\n", "async def f():\n    await\n", "class A(B, metaclass=M):\n  async def m(self): self.m()\n",
		"from . import (\n", "x = [await y async for y in z]\n", "def d(f):\n  @wraps(f)\n  async def w(): return await f()\n  return w\n",
		"with a as (b, c), d: pass\n", "match x:\n case {**r}: pass\n", "lambda: (yield)\n", "@\n", "try:\n  pass\nexcept* E:\n  pass\n",
		"async def f():\n    c = g()\n    while True:\n        await c\n        break\n",
		"\ufeffimport asyncio\r\nasyncio.sleep(1)\r\n", "global x\nnonlocal y\n", "f(*a, **k)(x)[y].z()\n",
	} {
		f.Add([]byte(s))
	}
	models := asyncir.PythonModels()
	f.Fuzz(func(t *testing.T, src []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			Load([]File{{Path: "fuzz.py", Content: src}}, models, Options{Eager: true, Timeout: 2 * time.Second})
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("Load hung on %q", src)
		}
	})
}
