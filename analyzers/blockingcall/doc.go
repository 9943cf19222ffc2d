package blockingcall

const doc = `# Analyzer blockingcall

reports calls that block the thread the event loop runs on

An event loop runs every task and callback on one thread. A call that
waits on that thread — for the clock, a socket, a file, a child process, a
lock or another thread — stops every other task until it returns. This
family finds such calls in coroutines, in synchronous helpers that
coroutines call, and in the callbacks and protocol methods the loop runs
itself. What blocks is data (the model tables in asyncir, extended by
extend-blocking-calls); calls handed to a thread (asyncio.to_thread,
loop.run_in_executor, Executor.submit, threading.Thread) never count.

## AL201: blocking-call-in-async-function

### What it does
Finds a call that blocks the calling thread made directly in an async def
(or async generator): time.sleep; subprocess.run/call/check_call/
check_output/getoutput, subprocess.Popen and its wait/communicate,
os.system, os.popen, os.spawn*, os.posix_spawn*, os.wait*; input; open,
io.open, codecs.open, gzip/bz2/lzma.open, tempfile.TemporaryFile and
NamedTemporaryFile, and read/readline(s)/write/writelines/seek/truncate/
flush on the file objects they (and os.fdopen) return or that a
parameter annotation names (io.TextIOWrapper, BufferedReader/Writer/Random,
IO[...], TextIO, BinaryIO — the last three only for the parameter itself:
an attribute that holds such a protocol may be a BytesIO; io.StringIO and
BytesIO are in memory and not
reported, nor are SpooledTemporaryFile, which stays in memory until it
outgrows max_size, and gzip.GzipFile/bz2.BZ2File/lzma.LZMAFile objects,
most often built around an in-memory fileobj); ssl.create_default_context given
cafile/capath/cadata, SSLContext.load_verify_locations/load_cert_chain,
netrc.netrc; shutil copies and trees, os file-system calls (makedirs,
remove, rename, listdir, scandir, walk, stat, fsync, …), os.path and
pathlib.Path file-system queries and reads/writes; urllib.request.urlopen, http.client, requests,
urllib3, httpx (module functions and httpx.Client); socket connects,
sends, receives and name lookups; threading.Lock/RLock/Semaphore/
Condition acquire and wait, Event.wait, Barrier.wait, Thread.join;
queue.Queue get/put/join; concurrent.futures.Future.result/exception and
Executor.shutdown; sqlite3, psycopg2 and pymysql connections and cursors;
redis.Redis commands, pymongo collection operations and boto3 client
operations.

The non-blocking forms are not reported: queue.get(block=False),
lock.acquire(blocking=False), a timeout of 0, get_nowait/put_nowait, put
on a queue.Queue built without a maxsize (it never fills),
socket methods on a socket the same function puts in non-blocking mode
with setblocking/settimeout or inside a try that handles BlockingIOError
(the code is written for a non-blocking socket), and name lookups of a
numeric host (socket.AI_NUMERICHOST / NI_NUMERICHOST in the flags).
Neither is result() or exception() on a concurrent.futures future known
to be done: a local that set_result/set_exception settled on every path
to the call, what a project function returns when every return is such
a future, or an attribute of a project class whose every store in the
program is such a future or None (tenacity's RetryCallState.outcome). A
flag that is not a literal (block=flag) is given the benefit of the
doubt. Calls that do no I/O are not blocking: os.getcwd,
Path.cwd/absolute/home, expanduser, os.path.abspath/relpath/normpath,
which ruff's ASYNC240 partly lists.

Each call has a tier: waiting (the clock, the network, DNS, a child
process, another thread, a lock, a queue, a future), file data (open,
read, write, copy) or file-system metadata (stat, exists, listdir,
mkdir). The tier sets the finding's severity (see Options).

### Why is this bad?
While the call waits, the event loop cannot run anything else: every
other task, timeout and callback stalls, and asyncio's debug mode logs
"Executing <Task …> took 1.002 seconds".

### Example
` + "```python" + `
async def poll(url):
    while True:
        body = requests.get(url).text
        time.sleep(5)
` + "```" + `

### Use instead
` + "```python" + `
async def poll(client: httpx.AsyncClient, url):
    while True:
        body = (await client.get(url)).text
        await asyncio.sleep(5)
` + "```" + `
or, for a call with no asynchronous equivalent,
` + "`await asyncio.to_thread(fn, *args)`" + `.

### Fix safety
time.sleep(x) becomes await asyncio.sleep(x) inside an async def, adding
"import asyncio" when the module lacks it and removing a "from time import
sleep" line that nothing else uses. The fix is unsafe (applied only with
--unsafe-fixes): the pause stays, but other tasks now run during it, and
some code blocks the loop on purpose, to hold every other task still for
a moment. Every other call gets a display-only suggestion (the
asynchronous library, or asyncio.to_thread), because moving a call to
another thread or library changes what it may share.

### Severity
Set by what the blocking call waits on (its tier in the blocking table):
waiting — sleep, network, DNS, subprocess, thread join, lock, queue and
future waits — is a warning; reading or writing file data is a warning
outside tests and info in tests; file-system metadata (stat, exists,
is_file, resolve, glob, listdir) is info. Info is hidden by check unless
--min-severity info.

### Options
extend-blocking-calls: dotted names of further functions or methods
("mypkg.db.query", "mypkg.Client.fetch") that block. blocking-tiers
moves a tier up or down: blocking-tiers = { metadata = "warning" }.
test-files chooses the files of the test profile.

### References
- https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code
- https://docs.astral.sh/ruff/rules/#flake8-async-async

## AL202: blocking-helper-in-async-function

### What it does
Finds a call, in an async def, of a synchronous function of the project
that blocks — itself or any number of calls further down (functions,
methods through self and project base classes, constructors, and
generator functions iterated by a for loop, whose body runs as the loop
advances). A may-block
summary is computed once per program to a fixed point (recursion is
fine). Its witness is the costliest blocking call the helper can reach —
waiting (sleep, network, DNS, subprocess, locks) before reading or writing
file data before file-system metadata — through a shortest chain; the
message names that call and the chain, handler → load → fetch →
requests.get, the diagnostic's related locations point at each call of
the chain, and its blocking tier is that call's.

The claim holds for the call at hand. The summary keeps the tests of a
helper's parameters that lead to its blocking calls (p is None,
p is not None, if p:, if not p:, p == literal, p != literal,
p < number, p <= number, p > number, p >= number (either side),
and/or of those, and a for loop over range(p), whose body runs only
when p > 0), and each call specialises them with what it passes: literals,
None, True/False, numbers and strings, a new object (never None), and the
literal defaults of the parameters it omits; a helper passing those on to
another helper is followed a few calls deep, and a helper that calls
itself is taken to reach what it reaches with any arguments. A call
whose arguments rule out every blocking branch is not reported, and the witness is chosen among
the blocking calls that stay reachable. When the only paths to the
witness go through a test the call cannot decide (in the helper, or in a
helper it passes that parameter on to), the message says so:
"it calls socket.getaddrinfo only when host == 'localhost'".

A helper used by both synchronous and asynchronous callers is reported at
the asynchronous call sites only; synchronous code that nothing async
reaches is never reported. Functions that are only handed to a thread
(to_thread, run_in_executor, submit, Thread(target=…)) are not followed.

### Why is this bad?
The helper blocks the loop exactly as if its blocking call were written
in the coroutine, but no line of the coroutine shows it.

### Example
` + "```python" + `
def load(url):
    return requests.get(url).json()

async def handler(url):
    return load(url)
` + "```" + `

### Use instead
` + "```python" + `
async def handler(url):
    return await asyncio.to_thread(load, url)
` + "```" + `

One finding per root cause: when several call sites in async code reach
the same blocking call (the same call in a helper, where the fix goes),
check reports it once, at that call ("load calls requests.get,
which blocks the event loop; 3 coroutines reach it"), with every call
site and its chain as a related location (text output lists the first
five, JSON and SARIF all of them; the language server shows each call
site in its own file). A root reached
from a single call site is reported at that call site, as above. A noqa
at one call site removes that site; a noqa at the root silences them
all. --all-sites (or all-sites = true) reports every call site
separately.

The helpers may be an installed library's (read from the project's
environment): a chain enters a library's synchronous functions for at
most three calls down to the blocking one, and the root is the project's
own call into the library ("reconfigure_resolver calls
BaseResolver.__init__, which blocks the event loop (it calls open)"),
never a line of the library.

### Severity
As AL201: Set by what the blocking call waits on (its tier in the blocking table):
waiting — sleep, network, DNS, subprocess, thread join, lock, queue and
future waits — is a warning; reading or writing file data is a warning
outside tests and info in tests; file-system metadata (stat, exists,
is_file, resolve, glob, listdir) is info. Info is hidden by check unless
--min-severity info.

### Fix safety
A display-only suggestion to offload the top helper with
asyncio.to_thread: the helper then runs on another thread, which is only
correct if it does not touch loop-bound objects.

### Options
all-sites: report every call site of a shared root separately; the
blocking-tiers and test-files of AL201.

### References
- https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread

## AL203: blocking-call-in-loop-callback

### What it does
Finds a blocking call, direct or through project helpers, in code the
event loop runs synchronously on its own thread: functions, methods,
lambdas and functools.partial objects passed to loop.call_soon,
call_soon_threadsafe, call_later, call_at, add_reader, add_writer,
add_signal_handler or Future.add_done_callback, and the callback methods
(connection_made, data_received, eof_received, connection_lost,
datagram_received, buffer_updated, pipe_data_received, process_exited, …)
of classes derived from asyncio.Protocol, BufferedProtocol,
DatagramProtocol or SubprocessProtocol. The related location is where the
callback was registered. A callback added with add_reader runs when its
descriptor is readable, so one recv/recv_into/recvfrom/accept in it does
not wait (add_writer: one send/sendto); sendall still can.

### Why is this bad?
The loop calls these functions between tasks; while one waits, nothing
else runs — the same stall as a blocking call in a coroutine.

### Example
` + "```python" + `
class Echo(asyncio.Protocol):
    def data_received(self, data):
        time.sleep(0.1)
        self.transport.write(data)
` + "```" + `

### Use instead
` + "```python" + `
class Echo(asyncio.Protocol):
    def data_received(self, data):
        loop = asyncio.get_running_loop()
        loop.call_later(0.1, self.transport.write, data)
` + "```" + `
or hand the work to a task or to a thread.

### Severity
As AL201, by the tier of the blocking call; callbacks that reach the same
blocking call through helpers are reported once at it, as for AL202.
A callback of a loop that its registering function created with
asyncio.new_event_loop() and runs on a thread of its own (it hands
loop.run_forever to a thread, or runs the loop while itself being a
thread's target), and keeps to itself (never returns or stores it), is
info: that loop runs nothing else, so only its own callbacks wait.

### References
- https://docs.python.org/3/library/asyncio-protocol.html

## AL204: thread-future-wait-on-loop

### What it does
Finds a wait, on the loop's thread, for a concurrent.futures future that
a loop has to complete: .result() or .exception() on the future returned
by asyncio.run_coroutine_threadsafe, or concurrent.futures.wait or
as_completed given such futures, in a coroutine or a loop callback. A wait
for a thread-pool future there is a plain blocking call (AL201, AL203).

### Why is this bad?
run_coroutine_threadsafe schedules the coroutine on a loop and the
future completes only when that loop runs it. Waiting for it on the
loop's own thread stops the loop, so the future never completes: a
deadlock (or, with a timeout, a guaranteed TimeoutError).

### Example
` + "```python" + `
async def main():
    loop = asyncio.get_running_loop()
    fut = asyncio.run_coroutine_threadsafe(work(), loop)
    return fut.result()
` + "```" + `

### Use instead
` + "```python" + `
async def main():
    return await work()
    # or, for a future from another thread: await asyncio.wrap_future(fut)
` + "```" + `

### References
- https://docs.python.org/3/library/asyncio-task.html#asyncio.run_coroutine_threadsafe
`
