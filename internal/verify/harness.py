"""asynclint verify harness: run ONE case file under CPython's own
diagnostics and write what the runtime reports as JSON lines
{"kind": ..., "file": F, "line": N, "detail": ...}, F:N being a line of a case file
(0 when no frame of the case file explains the event).

usage: python3 -X dev harness.py EVENTS_FILE CASE_FILE MODE
MODE is "main" (execute the module, then asyncio.run(main())) or "script"
(execute the module as __main__; its own __main__ block runs the loop).

Standard library only. The harness observes; it never changes what a case
does, except that a call blocked past the hang bound on the loop's thread is
aborted (after it has been reported) so that the rest of the case still runs.
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.runners
import atexit
import builtins
import concurrent.futures
import contextvars
import functools
import gc
import inspect
import io
import json
import linecache
import logging
import os
import re
import select
import signal
import socket
import sys
import threading
import tracemalloc
import types
import warnings
import weakref

EVENTS_PATH, CASE, MODE = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
CASE_DIR = os.path.dirname(CASE) + os.sep
HARNESS = sys._getframe().f_code.co_filename  # as frames spell it
HANG_BOUND = float(os.environ.get("ASYNCLINT_HANG_BOUND", "2.0"))
SLOW_CALLBACK = 0.05

# What the blocking-call recorder wraps: (module, attribute path). One table,
# mirroring the blocking-call model of the blockingcall analyzers. Methods are
# wrapped on their Python class; C types without a Python class (threading's
# lock) are replaced by a thin proxy below.
BLOCKING = [
    ("time", "sleep"),
    ("socket", "socket.connect"),
    ("socket", "socket.accept"),
    ("socket", "socket.recv"),
    ("socket", "socket.recv_into"),
    ("socket", "socket.recvfrom"),
    ("socket", "socket.send"),
    ("socket", "socket.sendall"),
    ("socket", "socket.sendto"),
    ("socket", "create_connection"),
    ("socket", "getaddrinfo"),
    ("socket", "gethostbyname"),
    ("subprocess", "run"),
    ("subprocess", "call"),
    ("subprocess", "check_call"),
    ("subprocess", "check_output"),
    ("subprocess", "Popen.wait"),
    ("subprocess", "Popen.communicate"),
    ("os", "system"),
    ("os", "read"),
    ("os", "write"),
    ("select", "select"),
    ("os", "wait"),
    ("os", "waitpid"),
    ("builtins", "open"),
    ("builtins", "input"),
    ("io", "open"),
    ("pathlib", "Path.read_text"),
    ("pathlib", "Path.read_bytes"),
    ("pathlib", "Path.write_text"),
    ("pathlib", "Path.write_bytes"),
    ("urllib.request", "urlopen"),
    ("http.client", "HTTPConnection.request"),
    ("http.client", "HTTPConnection.getresponse"),
    ("threading", "Lock.acquire"),
    ("threading", "Event.wait"),
    ("threading", "Condition.wait"),
    ("threading", "Semaphore.acquire"),
    ("threading", "Thread.join"),
    ("queue", "Queue.get"),
    ("queue", "Queue.put"),
    ("concurrent.futures", "Future.result"),
    ("concurrent.futures", "Future.exception"),
    ("concurrent.futures", "wait"),
    ("concurrent.futures._base", "wait"),
    ("sqlite3", "connect"),
    ("os", "spawnl"),
    ("os", "spawnle"),
    ("os", "spawnlp"),
    ("os", "spawnlpe"),
    ("os", "spawnv"),
    ("os", "spawnve"),
    ("os", "spawnvp"),
    ("os", "spawnvpe"),
    ("shutil", "copytree"),
    ("shutil", "rmtree"),
    ("pathlib", "Path.open"),
    ("codecs", "open"),
    ("tempfile", "TemporaryFile"),
    ("tempfile", "NamedTemporaryFile"),
    ("gzip", "open"),
    ("bz2", "open"),
    ("lzma", "open"),
    ("ssl", "create_default_context"),
    ("ssl", "SSLContext.load_verify_locations"),
    ("ssl", "SSLContext.load_cert_chain"),
    ("netrc", "netrc"),
]

# Calls that block only when given one of these keyword arguments (not None),
# as the model says: without a CA bundle, create_default_context only points
# OpenSSL at the system paths.
BLOCKS_ONLY_WITH = {"ssl.create_default_context": ("cafile", "capath", "cadata")}

# File objects are C types whose methods cannot be wrapped: a file the case
# itself opens through one of these is handed back in a FileProxy, whose data
# methods (the model's io.IOBase methods) are recorded like the table's calls.
FILE_FACTORIES = [
    ("builtins", "open"),
    ("io", "open"),
    ("codecs", "open"),
    ("pathlib", "Path.open"),
    ("os", "fdopen"),
    ("tempfile", "TemporaryFile"),
    ("tempfile", "NamedTemporaryFile"),
    ("gzip", "open"),
    ("bz2", "open"),
    ("lzma", "open"),
]
FILE_METHODS = frozenset(("read", "read1", "readinto", "readline", "readlines", "write",
                          "writelines", "seek", "truncate", "flush"))

# Exceptions the rules are confirmed by; others are the case's own business.
RECORDED_EXCEPTIONS = (TypeError, RuntimeError, AttributeError,
                       asyncio.InvalidStateError, AssertionError)

_real_open = io.open
_real_thread = threading.Thread
_real_signal = signal.signal
_real_allocate_lock = threading.Lock
_out = _real_open(EVENTS_PATH, "w", buffering=1, encoding="utf-8")
_out_lock = _real_allocate_lock()
_tl = threading.local()


class HarnessAbort(BaseException):
    """Unwinds a call the harness found hung; BaseException so that the
    case's own `except Exception` cannot swallow it."""


def emit(kind, loc, detail):
    """Writes one event; loc is (filename, line) in a case file, or None."""
    file, line = loc or ("", 0)
    rec = json.dumps({"kind": kind, "file": file, "line": int(line), "detail": str(detail)})
    with _out_lock:
        _out.write(rec + "\n")
        _out.flush()


def is_case(filename):
    """A case file: the entry, or a module beside it or below it (the
    modules of a multi-module case)."""
    return filename == CASE or (filename.startswith(CASE_DIR) and filename.endswith(".py")
                                and filename != HARNESS)


def stack():
    """Frames from the innermost outward, harness frames skipped."""
    f = sys._getframe(1)
    out = []
    while f is not None:
        if f.f_code.co_filename != HARNESS:
            out.append(f)
        f = f.f_back
    return out


def loc_of(frame):
    return (frame.f_code.co_filename, frame.f_lineno)


def innermost_case_loc(frames=None):
    for f in frames if frames is not None else stack():
        if is_case(f.f_code.co_filename):
            return loc_of(f)
    return None


def is_async(code):
    return bool(code.co_flags & (inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE
                                 | inspect.CO_ASYNC_GENERATOR))


def loop_running_here():
    return asyncio.events._get_running_loop() is not None


# --- blocking calls -------------------------------------------------------

def classify_blocking(frames):
    """Where a blocking call made on the loop's thread is attributed, by the
    run of case-file frames the call was made from (innermost first):
    - its innermost frame is async: "blocking-in-coroutine" at that line (AL201);
    - a later frame of the run is async: "blocking-via-helper" at the line of
      that async frame, the call into the synchronous helper chain (AL202);
    - no frame of the run is async, so the loop called synchronous case code
      (a callback, a protocol method): "blocking-in-callback" at the run's
      outermost frame, the line the loop-called function is at (AL203)."""
    run = []
    for f in frames:
        if is_case(f.f_code.co_filename):
            run.append(f)
        elif run:
            break
    if not run:
        return None, None
    if is_async(run[0].f_code):
        return "blocking-in-coroutine", loc_of(run[0])
    for f in run[1:]:
        if is_async(f.f_code):
            return "blocking-via-helper", loc_of(f)
    return "blocking-in-callback", loc_of(run[-1])


_SOCKET_READS = {"socket.socket.recv", "socket.socket.recv_into", "socket.socket.recvfrom", "socket.socket.accept"}
_SOCKET_WRITES = {"socket.socket.send", "socket.socket.sendto"}
_real_select = select.select


def cannot_wait(name, args, kwargs):
    """A call that cannot wait: a lookup of a numeric host
    (AI_NUMERICHOST), a socket in non-blocking mode (it raises
    BlockingIOError instead of waiting), or a socket the kernel already
    reports ready for what one call of this method needs."""
    if name == "socket.getaddrinfo":
        flags = args[5] if len(args) > 5 else kwargs.get("flags", 0)
        return isinstance(flags, int) and bool(flags & socket.AI_NUMERICHOST)
    if not args or not isinstance(args[0], socket.socket):
        return False
    sock = args[0]
    try:
        if sock.gettimeout() == 0.0:
            return True
        if name in _SOCKET_READS:
            return bool(_real_select([sock], [], [], 0)[0])
        if name in _SOCKET_WRITES:
            return bool(_real_select([], [sock], [], 0)[1])
    except (OSError, ValueError):
        pass
    return False


def wrap_blocking(name, fn):
    only_with = BLOCKS_ONLY_WITH.get(name, ())

    @functools.wraps(fn)
    def blocking(*args, **kwargs):
        if getattr(_tl, "busy", False) or not loop_running_here() or cannot_wait(name, args, kwargs):
            return fn(*args, **kwargs)
        if only_with and all(kwargs.get(k) is None for k in only_with):
            return fn(*args, **kwargs)
        frames = stack()
        # Only calls the case makes itself: stdlib code that blocks on the
        # case's behalf is attributed through the wrapped call it made.
        if not frames or not is_case(frames[0].f_code.co_filename):
            return fn(*args, **kwargs)
        kind, line = classify_blocking(frames)
        _tl.busy = True
        state = {"hung": False}
        me = threading.get_ident()

        def on_hang():
            state["hung"] = True
            emit("hang", innermost_case_loc(frames), f"{name} blocked the event loop for more than {HANG_BOUND}s")
            if me == threading.main_thread().ident:
                signal.pthread_kill(me, signal.SIGUSR1)
            else:
                finish()
                os._exit(0)

        timer = threading.Timer(HANG_BOUND, on_hang)
        timer.daemon = True
        timer.start()
        try:
            result = fn(*args, **kwargs)
        except HarnessAbort:
            raise
        except (TypeError, AttributeError):
            # A misuse (wrong argument kind) did not block: not recorded.
            raise
        except BaseException:
            if state["hung"]:
                raise HarnessAbort(name) from None
            emit(kind, line, f"{name} called while the event loop runs")
            raise
        finally:
            timer.cancel()
            _tl.busy = False
        if state["hung"]:
            raise HarnessAbort(name)
        emit(kind, line, f"{name} called while the event loop runs")
        return result

    blocking.__asynclint_wrapped__ = True
    return blocking


class TrackedLock:
    """threading.Lock() is a C lock without a Python class to wrap; this
    proxy gives its acquire a Python method (the table wraps it)."""

    __slots__ = ("_lock", "__weakref__")

    def __init__(self):
        self._lock = _real_allocate_lock()

    def acquire(self, blocking=True, timeout=-1):
        return self._lock.acquire(blocking, timeout)

    def release(self):
        self._lock.release()

    def locked(self):
        return self._lock.locked()

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


class FileProxy:
    """A file object the case opened: everything is the file's own, except
    that its data methods are recorded, and "with" binds the proxy."""

    __slots__ = ("_file",)

    def __init__(self, file):
        object.__setattr__(self, "_file", file)

    def __getattr__(self, name):
        attr = getattr(self._file, name)
        if name in FILE_METHODS:
            return wrap_blocking(f"file.{name}", attr)
        return attr

    def __setattr__(self, name, value):
        setattr(self._file, name, value)

    def __enter__(self):
        self._file.__enter__()
        return self

    def __exit__(self, *exc):
        return self._file.__exit__(*exc)

    def __iter__(self):
        return iter(self._file)

    def __next__(self):
        return next(self._file)


def wrap_file_factory(fn):
    """Hands the files a case opens itself back in a FileProxy."""

    @functools.wraps(fn)
    def factory(*args, **kwargs):
        f = fn(*args, **kwargs)
        caller = sys._getframe(1).f_code.co_filename
        return FileProxy(f) if is_case(caller) else f

    factory.__asynclint_factory__ = True
    return factory


def wrap_module(modname):
    mod = sys.modules[modname]
    for m, path in BLOCKING:
        if m != modname:
            continue
        owner = mod
        *parents, attr = path.split(".")
        for p in parents:
            owner = getattr(owner, p, None)
        fn = getattr(owner, attr, None)
        if fn is not None and not getattr(fn, "__asynclint_wrapped__", False):
            setattr(owner, attr, wrap_blocking(f"{modname}.{path}", fn))
    for m, path in FILE_FACTORIES:
        if m != modname:
            continue
        owner = mod
        *parents, attr = path.split(".")
        for p in parents:
            owner = getattr(owner, p, None)
        fn = getattr(owner, attr, None)
        if fn is not None and not getattr(fn, "__asynclint_factory__", False):
            setattr(owner, attr, wrap_file_factory(fn))


class WrapOnImport:
    """A meta path finder that wraps a table module's blocking functions
    when the case imports it: importing them all up front (urllib.request,
    http.client, sqlite3) would cost every case half a second."""

    def __init__(self, names):
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name not in self.names:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                real_exec = spec.loader.exec_module

                def exec_module(module, real_exec=real_exec):
                    real_exec(module)
                    wrap_module(name)

                spec.loader.exec_module = exec_module
                return spec
            if spec is not None:
                return spec
        return None


def install_blocking():
    threading.Lock = TrackedLock
    lazy = set()
    for modname, _ in BLOCKING + FILE_FACTORIES:
        if modname in sys.modules:
            wrap_module(modname)
        else:
            lazy.add(modname)
    sys.meta_path.insert(0, WrapOnImport(lazy))


# --- coroutine functions handed to callers that drop their result ---------
#
# A coroutine the runtime creates by calling a registered callback is
# dropped at a known moment: inside Handle._run (loop callbacks), Thread.run
# (Thread, Timer targets), or the wrappers below (signal handlers, atexit
# functions). While it is dropped, _tl.reg holds (registration line, code
# object) or _tl.handle the running handle, and on_never_awaited reports the
# coroutine at the line that registered its function.

# (id(future), code object) -> lines that added a coroutine function as a
# done callback of that future.
_done_callbacks = {}
# id(handle) -> registration lines, for handles running a done callback.
_handle_regs = {}


def code_of(fn):
    """The code object a callable runs (through functools.partial)."""
    while isinstance(fn, functools.partial):
        fn = fn.func
    return getattr(fn, "__code__", None)


def dropping(loc, fn, call):
    """Runs call() (which calls fn and drops its result) with fn's
    registration line current."""
    prev, _tl.reg = getattr(_tl, "reg", None), (loc, code_of(fn))
    try:
        return call()
    finally:
        _tl.reg = prev


def registered_callback(fn, loc):
    """Wraps a callback whose caller ignores its result (signal handlers,
    atexit functions), so that a coroutine it returns is dropped here, with
    its registration line current, instead of after the wrapper returns.
    Only coroutine functions are wrapped."""
    if not asyncio.coroutines.iscoroutinefunction(fn):
        return fn

    @functools.wraps(fn)
    def callback(*args, **kwargs):
        def call():
            fn(*args, **kwargs)
        dropping(loc, fn, call)

    return callback


def install_registrations():
    thread_init = _real_thread.__init__

    @functools.wraps(thread_init)
    def init(self, *args, **kwargs):
        thread_init(self, *args, **kwargs)
        loc = innermost_case_loc()
        self._asynclint_reg = loc
        self._asynclint_hop = loc if loop_running_here() else None

    threading.Thread.__init__ = init

    thread_run = _real_thread.run

    @functools.wraps(thread_run)
    def run(self):
        fn = getattr(self, "_target", None) or getattr(self, "function", None)  # Timer: function
        return dropping(getattr(self, "_asynclint_reg", None), fn, lambda: thread_run(self))

    threading.Thread.run = run

    timer_run = threading.Timer.run

    @functools.wraps(timer_run)
    def trun(self):
        return dropping(getattr(self, "_asynclint_reg", None), self.function, lambda: timer_run(self))

    threading.Timer.run = trun

    real_register = atexit.register

    @functools.wraps(real_register)
    def register(fn, *args, **kwargs):
        real_register(registered_callback(fn, innermost_case_loc()), *args, **kwargs)
        return fn

    atexit.register = register

    @functools.wraps(_real_signal)
    def sig(signalnum, handler):
        return _real_signal(signalnum, registered_callback(handler, innermost_case_loc()))

    signal.signal = sig

    # Debug mode makes call_soon/call_later/call_at/call_soon_threadsafe
    # refuse a coroutine function at once; production calls it later and
    # drops the coroutine, which RULES.md names as AL104's evidence. The
    # harness keeps production's behaviour: the never-awaited coroutine is
    # attributed to the line that registered the callback (the handle's
    # debug source traceback, or add_done_callback's line).
    real_check = asyncio.base_events.BaseEventLoop._check_callback

    def check_callback(self, callback, method):
        if method not in ("call_soon", "call_at", "call_later", "call_soon_threadsafe") \
                or not asyncio.coroutines.iscoroutinefunction(callback):
            real_check(self, callback, method)

    asyncio.base_events.BaseEventLoop._check_callback = check_callback

    real_call_soon = asyncio.base_events.BaseEventLoop.call_soon

    @functools.wraps(real_call_soon)
    def call_soon(self, callback, *args, **kwargs):
        handle = real_call_soon(self, callback, *args, **kwargs)
        locs = _done_callbacks.get((id(args[0]) if args else 0, code_of(callback)))
        if locs:
            _handle_regs[id(handle)] = sorted(locs)
        return handle

    asyncio.base_events.BaseEventLoop.call_soon = call_soon

    real_run = asyncio.events.Handle._run

    @functools.wraps(real_run)
    def run(self):
        prev, _tl.handle = getattr(_tl, "handle", None), self
        try:
            return real_run(self)
        finally:
            _tl.handle = prev
            _handle_regs.pop(id(self), None)

    asyncio.events.Handle._run = run

    # Thread hops from code the loop runs: the line that hopped is where a
    # ContextVar read in the other thread lost its context.
    def hop(fn, loc):
        @functools.wraps(fn)
        def hopped(*a, **kw):
            prev, _tl.hop = getattr(_tl, "hop", None), loc
            try:
                return fn(*a, **kw)
            finally:
                _tl.hop = prev

        return hopped

    real_rie = asyncio.base_events.BaseEventLoop.run_in_executor

    @functools.wraps(real_rie)
    def run_in_executor(self, executor, func, *args):
        return real_rie(self, executor, hop(func, innermost_case_loc()), *args)

    real_submit = concurrent.futures.ThreadPoolExecutor.submit

    @functools.wraps(real_submit)
    def submit(self, fn, /, *args, **kwargs):
        if loop_running_here() and getattr(_tl, "hop", None) is None:
            loc = innermost_case_loc()
            if loc is not None:
                fn = hop(fn, loc)
        return real_submit(self, fn, *args, **kwargs)

    concurrent.futures.ThreadPoolExecutor.submit = submit
    asyncio.base_events.BaseEventLoop.run_in_executor = run_in_executor


# --- the profiler: add_done_callback registrations, ContextVar reads -------

_set_vars = set()


def profiler(frame, event, arg):
    if event != "c_call" and event != "c_return":
        return
    name = getattr(arg, "__name__", "")
    if name not in ("add_done_callback", "get", "set"):
        return
    owner = getattr(arg, "__self__", None)
    if isinstance(owner, contextvars.ContextVar):
        if event != "c_call":
            return
        if name == "set":
            _set_vars.add(id(owner))
        elif name == "get" and id(owner) in _set_vars and not loop_running_here() \
                and threading.current_thread() is not threading.main_thread() \
                and owner not in contextvars.copy_context():
            hop = getattr(_tl, "hop", None) or getattr(threading.current_thread(), "_asynclint_hop", None)
            emit("context-lost", hop or innermost_case_loc(),
                 f"ContextVar {owner.name!r} read its default in thread {threading.current_thread().name!r}")
        return
    if name == "add_done_callback" and event == "c_return" and is_case(frame.f_code.co_filename):
        try:
            cbs = owner._callbacks or []
        except AttributeError:
            return
        fn = cbs[-1][0] if cbs else None
        if asyncio.coroutines.iscoroutinefunction(fn) and code_of(fn) is not None:
            key = (id(owner), code_of(fn))
            if key not in _done_callbacks:
                weakref.finalize(owner, _done_callbacks.pop, key, None)  # ids are reused
            _done_callbacks.setdefault(key, set()).add(loc_of(frame))


# --- exceptions raised through the case's frames (caught or not) ----------

def mark(exc, what):
    """Marks an exception object (never kept alive: its traceback holds
    frames, and so coroutines that must be collected to be reported)."""
    try:
        setattr(exc, "__asynclint_" + what, True)
    except (AttributeError, TypeError):
        pass


def marked(exc, what):
    return getattr(exc, "__asynclint_" + what, False)


def install_expected_raises():
    """An exception raised inside `with self.assertRaises(E)` that is an E is
    what the test asks for, not a finding: the context's expected types are
    kept per thread while it is open."""
    import unittest.case
    ctx = unittest.case._AssertRaisesContext
    real_enter, real_exit = ctx.__enter__, ctx.__exit__

    @functools.wraps(real_enter)
    def enter(self):
        _tl.expected = getattr(_tl, "expected", ()) + (self.expected,)
        return real_enter(self)

    @functools.wraps(real_exit)
    def exit_(self, *exc_info):
        _tl.expected = getattr(_tl, "expected", ())[:-1]
        return real_exit(self, *exc_info)

    ctx.__enter__, ctx.__exit__ = enter, exit_


def expected(exc):
    return any(isinstance(exc, e) for e in getattr(_tl, "expected", ()))


def local_trace(frame, event, arg):
    if event == "exception":
        exc = arg[1]
        if isinstance(exc, RECORDED_EXCEPTIONS) and not marked(exc, "seen") and not marked(exc, "ignored") \
                and not expected(exc):
            mark(exc, "seen")
            emit("exception", loc_of(frame), f"{type(exc).__name__}: {exc}")
    return local_trace


def global_trace(frame, event, arg):
    if is_case(frame.f_code.co_filename):
        frame.f_trace_lines = False
        return local_trace
    return None


# --- warnings: never-awaited coroutines, deprecations ----------------------

def frames_of(obj):
    """The creation stack of obj, innermost first, as (filename, lineno)."""
    tb = tracemalloc.get_object_traceback(obj)
    if tb is not None and len(tb):
        return [(f.filename, f.lineno) for f in reversed(list(tb))]
    origin = getattr(obj, "cr_origin", None)  # asyncio debug origin tracking
    if origin:
        return [(f, l) for f, l, _ in origin]
    return []


def on_never_awaited(coro, text):
    frames = frames_of(coro)
    code = getattr(coro, "cr_code", None)
    by_runtime = not frames or not is_case(frames[0][0])
    # Created by the loop running a callback handle: the coroutine is
    # dropped inside Handle._run, so the handle is still the current one.
    handle = getattr(_tl, "handle", None)
    if by_runtime and handle is not None and code_of(handle._callback) is code:
        regs = _handle_regs.get(id(handle))
        if not regs:
            tb = handle._source_traceback or []
            regs = [next(((f.filename, f.lineno) for f in reversed(tb) if is_case(f.filename)), None)]
        for loc in regs:
            emit("coroutine-callback", loc, text)
        return
    # Created by another caller of a registered callback (a thread, a
    # timer, atexit, a signal handler).
    reg = getattr(_tl, "reg", None)
    if reg is not None and reg[0] is not None and reg[1] is code:
        emit("coroutine-callback", reg[0], text)
        return
    emit("never-awaited", creation_loc(frames), text)


_RETURN_CALL = re.compile(r"\s*return\s+[\w.\[\]()]*\(")


def creation_loc(frames):
    """The case line that dropped a coroutine, from its creation stack: the
    innermost case frame, stepping out of frames whose line returns the call
    (a decorator's wrapper hands the coroutine to its caller)."""
    case = [(f, l) for f, l in frames if is_case(f)]
    i = 0
    while i + 1 < len(case) and _RETURN_CALL.match(linecache.getline(case[i][0], case[i][1])):
        i += 1
    return case[i] if case else None


def on_warning(msg):
    if getattr(_tl, "in_warning", False):
        return
    _tl.in_warning = True
    try:
        text = str(msg.message)
        if issubclass(msg.category, RuntimeWarning) and text.splitlines()[0].endswith("was never awaited") \
                and inspect.iscoroutine(msg.source):
            on_never_awaited(msg.source, text.splitlines()[0])
        elif issubclass(msg.category, (DeprecationWarning, PendingDeprecationWarning)):
            line = (msg.filename, msg.lineno) if is_case(msg.filename) else innermost_case_loc()
            emit("deprecation", line, f"{msg.category.__name__}: {text}")
        else:
            line = (msg.filename, msg.lineno) if is_case(msg.filename) else None
            emit("warning", line, f"{msg.category.__name__}: {text}")
    except Exception as e:  # a harness bug must not hide the case's events
        emit("harness-error", None, f"warning handler: {e!r}")
    finally:
        _tl.in_warning = False


# --- the event loop: destroyed tasks, implicit loops, slow callbacks -------

def install_loop_hooks():
    real_handler = asyncio.base_events.BaseEventLoop.call_exception_handler

    @functools.wraps(real_handler)
    def call_exception_handler(self, context):
        if context.get("message", "").startswith("Task was destroyed but it is pending"):
            task = context.get("task") or context.get("future")
            tb = context.get("source_traceback") or getattr(task, "_source_traceback", None) or []
            line = next(((f.filename, f.lineno) for f in reversed(tb) if is_case(f.filename)), None)
            coro = getattr(task, "get_coro", lambda: None)()
            emit("task-destroyed", line, f"Task was destroyed but it is pending: {getattr(coro, '__qualname__', task)}")
        return real_handler(self, context)

    asyncio.base_events.BaseEventLoop.call_exception_handler = call_exception_handler

    real_init = asyncio.base_events.BaseEventLoop.__init__

    @functools.wraps(real_init)
    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.slow_callback_duration = SLOW_CALLBACK

    asyncio.base_events.BaseEventLoop.__init__ = init

    # Debug mode stays on even where a case turns it off (asyncio.run(...,
    # debug=False)): source tracebacks are what attribution stands on.
    real_set_debug = asyncio.base_events.BaseEventLoop.set_debug

    @functools.wraps(real_set_debug)
    def set_debug(self, enabled):
        real_set_debug(self, True)

    asyncio.base_events.BaseEventLoop.set_debug = set_debug

    # Collect garbage before asyncio.run cancels what is left, so a task
    # whose only reference was dropped is destroyed while still pending.
    real_cancel = asyncio.runners._cancel_all_tasks

    def cancel_all_tasks(loop):
        gc.collect()
        report_unreferenced(loop)
        return real_cancel(loop)

    asyncio.runners._cancel_all_tasks = cancel_all_tasks

    # 3.12 warns, and 3.14 raises, where 3.11 creates the thread's loop
    # implicitly in get_event_loop(); report that creation as the deprecation.
    policy_cls = asyncio.events.BaseDefaultEventLoopPolicy
    real_get = policy_cls.get_event_loop

    @functools.wraps(real_get)
    def get_event_loop(self):
        if self._local._loop is None and not self._local._set_called \
                and threading.current_thread() is threading.main_thread():
            emit("deprecation", innermost_case_loc(),
                 "DeprecationWarning: There is no current event loop (implicit loop creation; "
                 "deprecated since 3.12, an error from 3.14)")
        loop = real_get(self)
        running = asyncio.events._get_running_loop()
        if running is not None and loop is not running:
            emit("policy-loop", innermost_case_loc(),
                 "the policy's get_event_loop() returned a loop other than the running one")
        return loop

    policy_cls.get_event_loop = get_event_loop

    # asyncio.get_event_loop() where a loop runs: it returns that loop. Recorded
    # where the caller is code whose every caller the case holds (a coroutine,
    # a private or nested function), the code AL302 speaks about.
    real_module_get = asyncio.events.get_event_loop

    @functools.wraps(real_module_get)
    def module_get_event_loop():
        loop = real_module_get()
        running = asyncio.events._get_running_loop()
        frames = stack()
        if running is not None and loop is running and frames and is_case(frames[0].f_code.co_filename) \
                and known_callers(frames[0].f_code):
            emit("running-loop", loc_of(frames[0]), "get_event_loop() returned the running loop")
        return loop

    asyncio.events.get_event_loop = asyncio.get_event_loop = module_get_event_loop


def known_callers(code):
    """A coroutine, or a function whose qualified name has a private part
    (one leading underscore) or a <locals> part."""
    if is_async(code):
        return True
    for part in code.co_qualname.split("."):
        if part == "<locals>" or part.startswith("_") and not (part.startswith("__") and part.endswith("__")):
            return True
    return False


def task_loc(task):
    tb = getattr(task, "_source_traceback", None) or []
    return next(((f.filename, f.lineno) for f in reversed(tb) if is_case(f.filename)), None)


def report_unreferenced(loop):
    """A task still pending when asyncio.run ends that nothing but the
    loop's own machinery references (a handle, a future's callback, a bound
    method of the task) is a task whose only reference was dropped: the
    loop keeps it weakly and it survives only by the accident of what it
    waits on. Reported as "task-unreferenced" at the line that created it."""
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    mine = {id(pending)}
    here = sys._getframe()
    for task in pending:
        owners = [r for r in gc.get_referrers(task)
                  if id(r) not in mine and r is not here
                  and not isinstance(r, (asyncio.Future, asyncio.events.Handle, types.MethodType,
                                         types.BuiltinMethodType, weakref.ReferenceType))
                  and not (isinstance(r, types.FrameType) and r.f_code.co_filename == HARNESS)]
        if not owners:
            coro = task.get_coro()
            emit("task-unreferenced", task_loc(task),
                 f"task {getattr(coro, '__qualname__', task)} is pending at the end of asyncio.run and only the loop references it")


class SlowCallbacks(logging.Handler):
    def emit(self, record):
        text = record.getMessage()
        if text.startswith("Executing "):
            emit("slow-callback", None, text.splitlines()[0])


# --- running the case ----------------------------------------------------

_finished = []


def finish():
    if _finished:
        return
    _finished.append(True)
    sys.settrace(None)
    threading.settrace(None)
    sys.setprofile(None)
    threading.setprofile(None)
    for _ in range(3):
        gc.collect()
    emit("done", None, "")


def on_sigusr1(signum, frame):
    """SIGUSR1 comes from the hang watchdog (a call already reported), or
    from verify when the whole case ran out of time: then say where the
    case was, and stop it."""
    if not getattr(_tl, "busy", False):
        frames = []
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
        emit("timeout", innermost_case_loc(frames), "the case was still running here when it ran out of time")
        finish()
        os._exit(3)
    raise HarnessAbort("hang bound")


def run_case():
    with _real_open(CASE, "rb") as f:
        source = f.read()
    code = compile(source, CASE, "exec")
    mod = types.ModuleType("__main__")
    mod.__file__ = CASE
    mod.__builtins__ = builtins
    sys.modules["__main__"] = mod
    sys.path[0] = os.path.dirname(CASE)
    sys.argv = [CASE]
    exec(code, mod.__dict__)
    if MODE == "main":
        main = mod.__dict__.get("main")
        if not inspect.iscoroutinefunction(main):
            emit("harness-error", None, "mode main: the case defines no `async def main()`")
            return
        asyncio.run(main(), debug=True)


def main():
    if os.environ.get("ASYNCLINT_HARNESS_DEBUG"):
        import faulthandler
        faulthandler.dump_traceback_later(float(os.environ["ASYNCLINT_HARNESS_DEBUG"]), exit=True)
    os.environ["PYTHONASYNCIODEBUG"] = "1"
    tracemalloc.start(25)
    warnings.simplefilter("always")
    warnings._showwarnmsg = on_warning
    logging.getLogger("asyncio").addHandler(SlowCallbacks())
    _real_signal(signal.SIGUSR1, on_sigusr1)
    install_loop_hooks()
    install_expected_raises()
    install_registrations()
    install_blocking()
    threading.settrace(global_trace)
    threading.setprofile(profiler)
    sys.setprofile(profiler)
    sys.settrace(global_trace)
    status = 0
    try:
        run_case()
    except HarnessAbort:
        pass
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 0
    except BaseException as e:
        import traceback
        traceback.print_exc()
        # verify accepts it only where it is the evidence a want asks for.
        emit("uncaught", innermost_tb_loc(e.__traceback__), f"{type(e).__name__}: {e}")
    finish()
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def innermost_tb_loc(tb):
    line = None
    while tb is not None:
        if is_case(tb.tb_frame.f_code.co_filename):
            line = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return line


if __name__ == "__main__":
    sys.exit(main())
