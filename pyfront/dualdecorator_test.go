package pyfront

import "testing"

// A decorator used bare or with options (async_lru's alru_cache) is read
// through the branch each use takes: @cache passes the function,
// @cache(maxsize=32) leaves it None. A decorator whose applied branch
// wraps the function in one that never calls it makes nothing known.
func TestLibraryDecoratorBareOrWithOptions(t *testing.T) {
	prog := loadApp(t, map[string]string{"lru.py": `import functools
def cache(fn=None, maxsize=128):
    def wrapper(fn):
        @functools.wraps(fn)
        async def wrapped(*args):
            return await fn(*args)
        return wrapped
    if fn is None:
        return wrapper
    if callable(fn):
        return wrapper(fn)
    raise TypeError(fn)
def unsure(fn=None):
    def wrapper(fn):
        def wrapped(*args):
            return None
        return wrapped
    if fn is None:
        return wrapper
    return wrapper(fn)
`}, `from lru import cache, unsure
@cache
async def bare(n): ...
@cache(maxsize=32)
async def sized(n): ...
@unsure
async def vague(n): ...
async def main():
    bare(1)
    sized(1)
    vague(1)
`)
	checkCoroutines(t, prog, map[int]string{9: "bare", 10: "sized", 11: ""})
}
