package looppassing

const doc = `# Analyzer looppassing

report event loops and contexts passed wrongly or lost

The event loop (Python) and the cancellation context (Go) must reach the
code that needs them; these rules find where they are replaced or dropped.

## AL301: removed-loop-argument

### What it does
Finds an explicit loop= argument to an asyncio API that removed it in
Python 3.10: asyncio.sleep, gather, wait, wait_for, shield, as_completed,
the queues (Queue, PriorityQueue, LifoQueue), the synchronisation
primitives (Lock, Event, Condition, Semaphore, BoundedSemaphore),
open_connection, start_server, open_unix_connection, start_unix_server and
create_subprocess_exec/shell. APIs that still accept loop=
(run_coroutine_threadsafe, ensure_future, wrap_future, Future, Task,
StreamReader) are not reported, and neither is a call under a
sys.version_info test that keeps it off 3.10 and later (or off the
target version): version-specific code on purpose; nor a call inside
with self.assertRaises(...) or pytest.raises(...), a test of the removal.

The severity follows the target version: an error from 3.10 on, a warning
for older targets (the argument was deprecated in 3.8).

### Why is this bad?
From Python 3.10 these calls raise TypeError ("got an unexpected keyword
argument 'loop'", or "the *loop* parameter was removed" for the primitives).
Before that the argument was deprecated and pointless: the APIs use the
running loop.

### Example
` + "```python" + `
async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock(loop=loop)
    await asyncio.sleep(1, loop=loop)
` + "```" + `

### Use instead
` + "```python" + `
async def main():
    lock = asyncio.Lock()
    await asyncio.sleep(1)
` + "```" + `

### Fix safety
The fix removes the argument with its comma. It is safe when the target
version is 3.10 or later, where the call raises TypeError and removing
the argument is the only way to make it work; for older targets it is
unsafe: if the loop passed is not the one that will run the code, the
object now binds to the running loop instead.

### References
- https://docs.python.org/3/whatsnew/3.10.html#removed
- https://bugs.python.org/issue42392

## AL302: get-event-loop-in-coroutine

### What it does
Finds asyncio.get_event_loop() inside a coroutine, or inside a synchronous
function that only runs on the event loop and whose callers are all in
the program: a private (one leading underscore in its name or its class's
name) or nested function that is a loop callback (given to call_soon,
call_later, call_at, add_reader, add_signal_handler,
Future.add_done_callback, ...) or whose every direct caller is a
coroutine or such a function. A public function or method can be
imported and called from anywhere, with or without a running loop, and is
not reported; neither is a function also passed around otherwise (to
run_in_executor, a thread, a container), nor a call in the except clause
for AttributeError that follows a try of asyncio.get_running_loop() (the
fallback for Python 3.6).

Also finds asyncio.get_event_loop_policy().get_event_loop() in the same
places: that one does ignore the running loop.

### Why is this bad?
Where a loop is running, asyncio.get_event_loop() returns it, on every
supported Python version, so the call is not wrong; but it reads as "the
thread's loop, created if missing", and the same line in code that runs
without a loop silently creates one (deprecated since 3.12, an error from
3.14). asyncio.get_running_loop() says what is meant and raises instead of
creating a loop when called in the wrong place.

The policy's get_event_loop() is different: it returns the loop set for
the thread and never looks at the running one, so in a coroutine run by a
loop that is not the thread's current one (loop.run_until_complete on a
new loop, a loop in another thread) it hands out another loop, or creates
one.

### Example
` + "```python" + `
async def fetch():
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(None, load)
` + "```" + `

### Use instead
` + "```python" + `
async def fetch():
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, load)
` + "```" + `

### Fix safety
Inside a coroutine the fix (asyncio.get_event_loop() →
asyncio.get_running_loop()) is safe: a coroutine always runs on a running
loop, which both calls then return. In a loop callback or a synchronous
helper only called from coroutines the fix is unsafe: a caller asynclint
cannot see (another thread, reflection) would get RuntimeError. The policy
variant gets no fix.

### Severity
Info: a style recommendation. The policy's get_event_loop() is a warning.

### References
- https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop
- https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop

## AL303: get-event-loop-without-running-loop

### What it does
Finds asyncio.get_event_loop() where no loop is running: at module level,
or in a synchronous function that goes on to run the loop it obtained with
run_until_complete() or run_forever(). A call that every path reaches
after asyncio.set_event_loop(loop) gets that loop and is not reported;
neither is one inside try whose except clause handles RuntimeError (or
Exception, or is bare): that code already copes with 3.14; nor one under
a sys.version_info test (or a module-level name bound to one, "if not
PY_38:") that keeps it off the target version; nor one in a function that
asks loop.is_running() before running the loop, being written to be
called inside a running loop too.

The severity follows the target version: an error from 3.14 on, a warning
before.

### Why is this bad?
With no running loop, get_event_loop() falls back to the policy, which
creates a loop implicitly. That is deprecated (DeprecationWarning since
3.10/3.12) and, from Python 3.14, raises RuntimeError when no loop has been
set.

### Example
` + "```python" + `
loop = asyncio.get_event_loop()
loop.run_until_complete(main())
` + "```" + `

### Use instead
` + "```python" + `
asyncio.run(main())
` + "```" + `
or, when the loop must outlive one call, asyncio.new_event_loop() with
asyncio.set_event_loop(), or asyncio.Runner.

### Severity
Its version severity (a warning, an error from target 3.14); info in
test files (the test profile).

### References
- https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop
- https://docs.python.org/3/whatsnew/3.14.html

## AL304: nested-event-loop

### What it does
Finds a coroutine that starts an event loop: asyncio.run(),
asyncio.Runner.run(), loop.run_until_complete() or loop.run_forever(),
called directly or through synchronous functions of the program (the
message carries the chain, e.g. "main → load → asyncio.run"). A helper
that first probes for a running loop (asyncio.get_running_loop(),
loop.is_running()) is assumed to start one only when none runs.

The chain holds for the calls at hand: a call whose arguments (literals,
None, True/False, a new object, or the defaults of omitted parameters)
decide a test of the callee's parameters (if run_async: return coro,
p is None, p == literal, p > number, a for loop over range(timeout)) so that
the loop is never started is not a link of it. When the last call cannot
decide such a test, the message names it ("only when mode == 'inline'").

### Why is this bad?
One thread runs one event loop at a time. Starting another from code the
running loop executes raises RuntimeError ("asyncio.run() cannot be called
from a running event loop", "This event loop is already running", "Cannot
run the event loop while another loop is running").

### Example
` + "```python" + `
def load(url):
    return asyncio.run(fetch(url))

async def main():
    data = load("https://example.com")
` + "```" + `

### Use instead
` + "```python" + `
async def main():
    data = await fetch("https://example.com")
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-runner.html#asyncio.run

## AL305: context-lost-in-thread

### What it does
Finds async code (a coroutine, or a function only called from coroutines)
that runs a callable on another thread with loop.run_in_executor(),
Executor.submit(), threading.Thread(target=...) or threading.Timer, where
the callable reads a contextvars.ContextVar, directly or through
synchronous functions of the program (the message carries the chain).
Callables wrapped in contextvars.copy_context().run, and
asyncio.to_thread, are not reported.

### Why is this bad?
Each asyncio task runs in its own copy of the context, so a ContextVar set
for the current request is visible to everything the task awaits. A new
thread, or an executor's worker thread, runs in its own context instead:
the read returns the variable's default (or raises LookupError), silently
losing the request id, tenant or deadline.

### Example
` + "```python" + `
request_id = contextvars.ContextVar("request_id", default="-")

def handle(payload):
    log.info("handling %s", request_id.get())

async def endpoint(payload):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, handle, payload)
` + "```" + `

### Use instead
` + "```python" + `
async def endpoint(payload):
    await asyncio.to_thread(handle, payload)  # copies the context
` + "```" + `
or loop.run_in_executor(None, contextvars.copy_context().run, handle,
payload).

### References
- https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread
- https://docs.python.org/3/library/contextvars.html#asyncio-support

## AL306: legacy-coroutine-api

### What it does
Finds legacy coroutine machinery: the @asyncio.coroutine decorator
(generator-based coroutines with yield from, removed in 3.11),
asyncio.async (removed when async became a keyword in 3.7), and
asyncio.Task.current_task / asyncio.Task.all_tasks (removed in 3.9).
Compatibility code is not reported: a use under a sys.version_info test
that keeps it off the versions without the API (and off the target
version), as in "if sys.version_info >= (3, 7): ... else: ..." or after
"if sys.version_info >= (3, 7): return ...", under a test of the new
API's presence that means the same (if hasattr(asyncio, "all_tasks"):
... else: asyncio.Task.all_tasks()), and a use in an except
clause for AttributeError, ImportError or NameError, which runs only
where the new API is missing, or in a try whose such except clause uses
the replacement (try: tasks = asyncio.Task.all_tasks() except
AttributeError: tasks = asyncio.all_tasks()): where the legacy API is
gone, its AttributeError is what the handler is for. A use inside with self.assertRaises(...) or
pytest.raises(...) is a test of the removal and is not reported either.

The severity follows the target version: an error when the target no
longer has the API, info (legacy style) before.

### Why is this bad?
On the versions that removed them, the reference raises AttributeError
when the module is imported or the code runs. Before that, they are
deprecated spellings of async def/await and asyncio.current_task() /
asyncio.all_tasks().

### Example
` + "```python" + `
@asyncio.coroutine
def fetch():
    yield from asyncio.sleep(1)
    return asyncio.Task.current_task()
` + "```" + `

### Use instead
` + "```python" + `
async def fetch():
    await asyncio.sleep(1)
    return asyncio.current_task()
` + "```" + `

### References
- https://docs.python.org/3.10/library/asyncio-task.html#generator-based-coroutines
- https://docs.python.org/3/whatsnew/3.9.html#removed
`
