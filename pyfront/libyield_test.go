package pyfront

import (
	"bytes"
	"testing"
)

// A method's header keeps its kind: a generator's placeholder yields, a
// coroutine's does not, whatever its docstring, comments or nested
// functions say (websockets' send: "send may yield control to the event
// loop" made it an async generator, and a dropped ws.send() was missed).
func TestPlaceholderYieldsOnlyForGenerators(t *testing.T) {
	src := []byte(`class Protocol:
    async def send(
        self,
        message,
    ) -> None:
        """Send a message.

        send may yield control to the event loop.
        """
        await self.drain()  # the writer may yield here

    async def stream(self):
        def inner():
            yield 1
        @decorate
        def inner2():
            yield 2
        return inner

    def lines(self):
        s = "yield"
        for l in self.conn:
            x = yield l

    async def chunks(self):
        async for c in self.reader:
            yield c

    def paren(self):
        return (yield)

    named = (send, stream, lines, chunks, paren)
`)
	sp := splitLibrary(src, nil)
	if sp == nil {
		t.Fatal("the text does not scan")
	}
	cls, _ := sp.chunk(sp.defs["Protocol"][0], func(string) bool { return false })
	for _, want := range []string{
		"    ) -> None:\n        ...\n",
		"async def stream(self):\n        ...\n",
		"def lines(self):\n        yield\n",
		"async def chunks(self):\n        yield\n",
		"def paren(self):\n        yield\n",
	} {
		if !bytes.Contains(cls, []byte(want)) {
			t.Errorf("class chunk lacks %q:\n%s", want, cls)
		}
	}
}
