package pyfront

import "testing"

// A decorator whose types are spelled through Callable aliases
// (asyncssh's @async_context_manager) wraps the coroutine's result in a
// generic class: awaiting or entering it gives what the coroutine
// returns. A decorator whose parameter does not tie the type variable to
// an Awaitable binds nothing.
func TestLibraryCallableAliasDecorator(t *testing.T) {
	prog := loadApp(t, map[string]string{
		"ssh/__init__.py": "from .conn import connect, connect_loose\n",
		"ssh/misc.py": `from typing import Any, Awaitable, Callable, Generator, Generic, TypeVar
_ACM = TypeVar('_ACM')
class _ACMWrapper(Generic[_ACM]):
    def __init__(self, coro: Awaitable[_ACM]):
        self._coro = coro
    def __await__(self) -> Generator[Any, None, _ACM]:
        return self._coro.__await__()
    async def __aenter__(self) -> _ACM:
        return await self._coro
_ACMCoro = Callable[..., Awaitable[_ACM]]
_ACMWrapperFunc = Callable[..., _ACMWrapper[_ACM]]
_Loose = Callable[..., _ACM]
def async_context_manager(coro: _ACMCoro[_ACM]) -> _ACMWrapperFunc[_ACM]:
    def context_wrapper(*args, **kwargs) -> _ACMWrapper[_ACM]:
        return _ACMWrapper(coro(*args, **kwargs))
    return context_wrapper
def loose(coro: _Loose[_ACM]) -> _ACMWrapperFunc[_ACM]:
    def context_wrapper(*args, **kwargs) -> _ACMWrapper[_ACM]:
        return _ACMWrapper(coro(*args, **kwargs))
    return context_wrapper
`,
		"ssh/conn.py": `from .misc import async_context_manager, loose
class Connection:
    async def run(self, cmd): ...
@async_context_manager
async def connect(host) -> Connection: ...
@loose
async def connect_loose(host) -> Connection: ...
`}, `import ssh
async def main():
    async with ssh.connect("h") as c:
        c.run("ls")
    c2 = await ssh.connect("h")
    c2.run("ls")
    async with ssh.connect_loose("h") as c3:
        c3.run("ls")
`)
	checkCoroutines(t, prog, map[int]string{4: "Connection.run", 6: "Connection.run", 8: ""})
}
