package neverawaited_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/casetest"
	"github.com/asynclint/asynclint/internal/config"
)

// dropped is a call of a synchronous function that returns a Coroutine
// object. Dropped, the coroutine inside never runs, but the runtime's
// warning names the line that made the inner coroutine, in the function,
// so this is checked statically; the awaited and entered forms are in
// testdata/python/neverawaited/al101_wrapped.py.
const dropped = `from typing import Any, Coroutine, Generator, TypeVar

T = TypeVar("T")


class Result(Coroutine[Any, Any, T]):
    def __init__(self, coro):
        self._coro = coro

    def send(self, value):
        return self._coro.send(value)

    def throw(self, *exc):
        return self._coro.throw(*exc)

    def close(self):
        self._coro.close()

    def __await__(self) -> Generator[Any, None, T]:
        return self._coro.__await__()


class Plain:
    pass


async def _request() -> int:
    return 1


def get() -> Result[int]:
    return Result(_request())


def plain() -> Plain:
    return Plain()


async def main():
    get()  # want: AL101 "` + "`get`" + `"
    await get()
    plain()
`

func TestDroppedCoroutineObject(t *testing.T) {
	casetest.CheckSource(t, "dropped.py", dropped, &config.Config{Select: []string{"AL1"}})
}
