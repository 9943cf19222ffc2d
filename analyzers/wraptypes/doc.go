package wraptypes

const doc = `# Analyzer wraptypes

report mixed future kinds and waits on the wrong identity

Futures of two kinds (asyncio and concurrent.futures in Python) do not
mix, and what a wait hands back is not always what was passed in; in Go,
the context a group derives dies with the group. Code inside
with self.assertRaises(...) or pytest.raises(...) expects the exception
AL401-AL404 predict and is not reported.

## AL401: await-concurrent-future

### What it does
Finds await applied to a concurrent.futures.Future: the result of
Executor.submit(), asyncio.run_coroutine_threadsafe(), or a value known to
be one through a local, an attribute (self.x = pool.submit(...)), a
parameter or return annotation.

### Why is this bad?
concurrent.futures.Future has no __await__; the await raises TypeError
("object Future can't be used in 'await' expression"). Calling its
result() instead would block the event loop.

### Example
` + "```python" + `
async def compute(pool, n):
    return await pool.submit(fib, n)
` + "```" + `

### Use instead
` + "```python" + `
async def compute(pool, n):
    return await asyncio.wrap_future(pool.submit(fib, n))
    # or: await asyncio.get_running_loop().run_in_executor(pool, fib, n)
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-future.html#asyncio.wrap_future
- https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_in_executor

## AL402: mixed-future-kinds

### What it does
Finds asyncio futures or tasks passed to concurrent.futures.wait() or
concurrent.futures.as_completed(), and concurrent.futures futures passed
to asyncio.wait(), asyncio.as_completed(), asyncio.gather(),
asyncio.wait_for(), asyncio.shield(), asyncio.ensure_future() or
loop.run_until_complete() — as an
argument, an element of a list or set display, or an element of a
container whose element type is known.

### Why is this bad?
Each API only understands its own kind: asyncio's refuse a
concurrent.futures.Future with TypeError ("An asyncio.Future, a coroutine
or an awaitable is required"; asyncio.wait fails with AttributeError on
remove_done_callback), and concurrent.futures.wait fails with
AttributeError on an asyncio future (and, if it did not, would block the
loop thread that must complete it).

### Example
` + "```python" + `
async def main(pool):
    futs = [pool.submit(work, i) for i in range(3)]
    await asyncio.gather(*futs)
` + "```" + `

### Use instead
` + "```python" + `
async def main(pool):
    futs = [asyncio.wrap_future(pool.submit(work, i)) for i in range(3)]
    await asyncio.gather(*futs)
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-future.html#asyncio.wrap_future
- https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.wait

## AL403: coroutine-identity-in-wait

### What it does
Finds asyncio.wait() given coroutines (in a list, set or tuple display, a
comprehension, or a local holding one). For asyncio.wait() and
asyncio.as_completed() given coroutines it reports every later
membership or identity test (in, not in, is, is not, ==, !=, set
operations: &, |, -, ^, intersection, issuperset, ..., and lookups of a
result in a dict keyed by the input coroutines: d[t], d.get(t))
of an input coroutine — by name, by index into the input container, or
as a loop variable over it — against the results: the done/pending sets
and anything taken from them, or the futures as_completed yields.

The severity of the asyncio.wait call follows the target version: an
error from 3.11 on, a warning before. The identity tests are errors. An
as_completed() call over coroutines is not reported by itself: awaiting
each future it yields is correct.

### Why is this bad?
asyncio.wait() and as_completed() wrap each coroutine in a new Task. The
sets wait() returns and the futures as_completed() yields are those tasks,
never the coroutine objects passed in, so "coro in done" is always False
and "fut is coro" never holds: the code that should handle a finished
request silently never runs, and a dict mapping each coroutine to its
request raises KeyError when asked about a finished task. Since Python 3.11 asyncio.wait() refuses
coroutines with TypeError.

### Example
` + "```python" + `
async def main():
    a, b = fetch("a"), fetch("b")
    done, pending = await asyncio.wait({a, b}, return_when=asyncio.FIRST_COMPLETED)
    if a in done:
        print("a finished first")
` + "```" + `

### Use instead
` + "```python" + `
async def main():
    a = asyncio.create_task(fetch("a"))
    b = asyncio.create_task(fetch("b"))
    done, pending = await asyncio.wait({a, b}, return_when=asyncio.FIRST_COMPLETED)
    if a in done:
        print("a finished first")
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-task.html#asyncio.wait
- https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed

## AL404: result-of-pending-future

### What it does
Finds result() or exception() called on an asyncio future or task that is
not known to be done: it was created in the same function
(asyncio.create_task, ensure_future, loop.create_future,
loop.run_in_executor, gather, …) and nothing between its creation and the
call can have completed it: on no path is it awaited, checked with done(),
settled with set_result()/set_exception(), handed to anything (a call, a
container, another name) that may wait for it, or given a chance to run
(an await in a coroutine; any call, which may run the loop, in a
synchronous function). A future stored under a second name by a chained
assignment (w = obj.attr = loop.create_future()) counts as completed when
obj.attr is settled, awaited or handed on, or obj is passed to a call,
before the call. Futures received as parameters (done callbacks), read
from attributes, taken from a done set, and TaskGroup tasks are not
reported.

### Why is this bad?
On a pending future, result() and exception() raise InvalidStateError;
they never wait. Code that works when the task happens to finish first
fails under load.

### Example
` + "```python" + `
async def main():
    t = asyncio.create_task(compute())
    return t.result()
` + "```" + `

### Use instead
` + "```python" + `
async def main():
    t = asyncio.create_task(compute())
    return await t
` + "```" + `

### Severity
An error; info in test files (the test profile), where the
InvalidStateError fails the test that shows it.

### References
- https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.result

## AL405: direct-future-instantiation

### What it does
Finds asyncio.Task(...) and asyncio.Future() instantiated directly.
Subclasses defined in the program, and the factories themselves (an
event loop's create_task and create_future methods, a function or class
given to loop.set_task_factory), which must instantiate the class, are
not reported; neither is asyncio.Task(coro, loop=..., eager_start=...),
the only way to start one task eagerly before create_task takes
eager_start (3.14). The message says which loop the object binds to:
inside a coroutine the running loop (or the one given with loop=), as the
factory's would; with loop=, that loop; otherwise whatever
get_event_loop() returns where the code runs.

### Why is this bad?
The documented contract is that tasks are created with
asyncio.create_task() (or loop.create_task()) and futures with
loop.create_future(): the loop may supply its own, faster or instrumented
implementation, and the factories bind the object to the running loop,
where a bare Future() outside a coroutine binds to whatever
get_event_loop() returns.

### Severity
A warning for asyncio.Task(...), and for asyncio.Future() at module
level or in a constructor (__init__, __new__), which runs wherever the
object is made: a client made before asyncio.run holds a future of
another loop, and awaiting it raises RuntimeError. Elsewhere
asyncio.Future() is info, since only the style point remains: inside a
coroutine it binds to the running loop, with loop= to the loop given, and
in any other function to the loop running where it is called, which is
where libraries call such helpers (protocol methods, loop callbacks,
coroutines). In test files (the test profile) the rule is info.

### Example
` + "```python" + `
async def main():
    fut = asyncio.Future()
    task = asyncio.Task(work())
` + "```" + `

### Use instead
` + "```python" + `
async def main():
    fut = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(work())
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-future.html#asyncio.Future
- https://docs.python.org/3/library/asyncio-task.html#asyncio.Task
`
