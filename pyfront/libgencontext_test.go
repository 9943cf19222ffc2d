package pyfront

import "testing"

// A library's @asynccontextmanager without an annotation of what it
// yields binds what its body yields (aioftp's Client.context, a
// classmethod); one that yields nothing known binds nothing known.
func TestLibraryGeneratorContextYields(t *testing.T) {
	prog := loadApp(t, map[string]string{"ftp/__init__.py": "from .client import *\n", "ftp/client.py": `import contextlib
__all__ = ("Client", "session")
class Client:
    async def quit(self): ...
    @classmethod
    @contextlib.asynccontextmanager
    async def context(cls, host):
        client = cls()
        try:
            yield client
        finally:
            await client.quit()
@contextlib.asynccontextmanager
async def session(make):
    yield make()
`}, `import ftp
async def main():
    async with ftp.Client.context("h") as c:
        c.quit()
    async with ftp.session(ftp.Client) as s:
        s.quit()
`)
	checkCoroutines(t, prog, map[int]string{4: "Client.quit", 6: ""})
}
