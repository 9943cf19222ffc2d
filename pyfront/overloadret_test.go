package pyfront

import "testing"

// An implementation that leaves its return unannotated under
// typing.overload stubs returns what the stubs say: one class, or the
// common base of theirs; stubs naming unrelated classes say nothing.
func TestLibraryOverloadedImplementation(t *testing.T) {
	prog := loadApp(t, map[string]string{"net.py": `from typing import overload
class Stream:
    async def send(self, data): ...
class Tls(Stream): ...
class Other:
    async def send(self, data): ...
@overload
async def connect(host: str) -> Stream: ...
@overload
async def connect(host: str, tls: bool) -> Tls: ...
async def connect(host, tls=False):
    return Tls() if tls else Stream()
@overload
def pick(x: int) -> Stream: ...
@overload
def pick(x: str) -> Other: ...
def pick(x):
    return make(x)
class Client:
    @overload
    def stream(self, tls: bool) -> Tls: ...
    @overload
    def stream(self) -> Tls: ...
    def stream(self, tls=True):
        return self._make(tls)
`}, `import net
async def main():
    s = await net.connect("h")
    s.send(b"x")
    net.pick(1).send(b"x")
    net.Client().stream().send(b"x")
`)
	checkCoroutines(t, prog, map[int]string{4: "Stream.send", 5: "", 6: "Stream.send"})
}
