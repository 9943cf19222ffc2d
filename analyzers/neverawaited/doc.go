package neverawaited

const doc = `# Analyzer neverawaited

reports awaitables created but never run or collected

An awaitable does nothing until something drives it: a coroutine object runs
only when it is awaited or wrapped in a task, and a task runs only while
something keeps a reference to it. This family finds the places where the
program creates the work and then loses it.

## AL101: unawaited-coroutine

### What it does
Finds a coroutine object that is created and then neither awaited, scheduled
nor handed on: the call's value is discarded by an expression statement, or
it is stored in a local variable that, on some path, is never read again.
Paths that end by raising do not count; a path through an except clause
that carries on does, from an operation that can raise what the clause
catches (a call or an await anything; an attribute read, except of an
imported name, only AttributeError; a subscript only LookupError or
TypeError): a comparison or a name between creation and use cannot send
the coroutine to the handler, nor can self.attr to an except OSError, nor
a call that only reports state (loop.is_running(), loop.is_closed(),
future.done()), nor making or entering a timeout scope (asyncio.timeout,
timeout_at, and async_timeout's, which a version test may import in
their place): it fires only while the body awaits. The related location
names the operation.
It knows coroutine functions across modules (imports and re-exports),
methods called through self, cls, super() and project base classes,
decorated functions whose wrapper is async def or returns the wrapped call
(functools.wraps), @staticmethod/@classmethod, synchronous functions that
return a coroutine, and the asyncio API (asyncio.sleep, wait_for, wait,
open_connection…, and the result of asyncio.gather).

### Why is this bad?
Calling an async def only creates a coroutine object; its body does not run
until the object is awaited. A forgotten await silently skips the work, and
CPython reports "coroutine ... was never awaited" only later, when the object
is garbage collected, far from the bug.

### Example
` + "```python" + `
async def handler(repo):
    repo.save()          # creates a coroutine and drops it
    asyncio.sleep(1)     # does not sleep
` + "```" + `

### Use instead
` + "```python" + `
async def handler(repo):
    await repo.save()
    await asyncio.sleep(1)
` + "```" + `

### Fix safety
Inside an async def, adding await is safe: it is what the code meant, and
await is valid there. In a synchronous function no fix is offered (the
caller must become async, or schedule the coroutine on a loop).

### Options
extend-coroutine-functions: dotted names of external functions that return
coroutines.

### References
- https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines

## AL102: dangling-task

### What it does
Finds a task created with asyncio.create_task, asyncio.ensure_future or
loop.create_task whose reference is dropped: the call is an expression
statement, or its result is stored in a local variable that is never read.
A receiver named loop or _loop (also self.loop, self._loop) is taken to be
an event loop when its type is not otherwise known. A task of a coroutine
that finishes without suspending is not reported: the loop holds it until
its first step, which ends it (put on an asyncio.Queue built without a
maxsize, as ensure_future(queue.put(item)) hands an item over).

### Why is this bad?
The event loop keeps only a weak reference to its tasks. A task nobody
references can be garbage collected before it finishes ("Task was destroyed
but it is pending"), and its exceptions are never seen.

### Example
` + "```python" + `
async def serve():
    asyncio.create_task(heartbeat())
` + "```" + `

### Use instead
` + "```python" + `
background = set()

async def serve():
    task = asyncio.create_task(heartbeat())
    background.add(task)
    task.add_done_callback(background.discard)
` + "```" + `
or an asyncio.TaskGroup, which keeps its tasks and waits for them.

### Severity
A warning; info in test files (the test profile), where a dropped task
rarely outlives the test that made it.

### References
- https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task

## AL103: reused-coroutine

### What it does
Finds a coroutine object, held in a local variable, that is awaited or
scheduled a second time on some path (including through a loop back edge).

### Why is this bad?
A coroutine object runs once. Awaiting it again raises RuntimeError "cannot
reuse already awaited coroutine".

### Example
` + "```python" + `
c = fetch()
await c
await c
` + "```" + `

### Use instead
` + "```python" + `
await fetch()
await fetch()
` + "```" + `

### References
- https://docs.python.org/3/reference/datamodel.html#coroutine-objects

## AL104: coroutine-function-as-callback

### What it does
Finds a coroutine function (or a lambda or functools.partial that returns a
coroutine) passed where a plain callable is called and its result thrown
away: loop.call_soon/call_soon_threadsafe/call_later/call_at,
add_done_callback, add_reader/add_writer, loop.add_signal_handler,
threading.Thread(target=...), threading.Timer, atexit.register and
signal.signal. The loop methods are recognised by name when the receiver's
type is unknown.

### Why is this bad?
The callee calls the function, gets a coroutine object and drops it: the
body never runs, and CPython warns that the coroutine was never awaited.

### Example
` + "```python" + `
async def refresh(): ...
loop.call_soon(refresh)
` + "```" + `

### Use instead
` + "```python" + `
loop.call_soon(lambda: background.add(loop.create_task(refresh())))
# or, from another thread:
asyncio.run_coroutine_threadsafe(refresh(), loop)
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_soon

## AL105: sync-protocol-on-async-object

### What it does
Finds a synchronous protocol used on an asynchronous object: with on an
asyncio Lock, Semaphore, Condition, TaskGroup or Timeout, or on a project
class whose only context protocol is __aenter__/__aexit__; for over an
async generator, an asyncio.StreamReader, or a project class that has
__aiter__ but no __iter__.

### Why is this bad?
The object does not implement the synchronous protocol: the with statement
raises TypeError (or AttributeError on older Pythons) and the for loop
raises TypeError, every time the line runs.

### Example
` + "```python" + `
self.lock = asyncio.Lock()
...
with self.lock:
    ...
` + "```" + `

### Use instead
` + "```python" + `
async with self.lock:
    ...
` + "```" + `

### References
- https://docs.python.org/3/reference/compound_stmts.html#async-with
`
