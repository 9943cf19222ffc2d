package pyfront

import "testing"

// A union of library classes is their nearest common base (anyio's
// connect_tcp -> Union[SocketStream, TLSStream]); classes with none in
// common stay unknown.
func TestLibraryUnionReturn(t *testing.T) {
	prog := loadApp(t, map[string]string{"streams.py": `from typing import Optional, Union
class Stream:
    async def send(self, data): ...
class Plain(Stream):
    async def send(self, data): ...
class Tls(Stream): ...
class Other:
    async def send(self, data): ...
async def connect() -> Union[Plain, Tls]: ...
async def either() -> "Plain | Other": ...
def maybe() -> Optional[Union[Tls, Plain]]: ...
`}, `import streams
async def main():
    s = await streams.connect()
    s.send(b"x")
    o = await streams.either()
    o.send(b"x")
    streams.maybe().send(b"x")
`)
	checkCoroutines(t, prog, map[int]string{4: "Stream.send", 6: "", 7: "Stream.send"})
}
