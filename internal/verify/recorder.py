"""asynclint's runtime recorder: what CPython does that confirms a rule,
written as JSON lines {"kind", "file", "line", "detail", "stack"} as it
happens, "file":"line" being a line of a project file (0 when no project
frame explains the event) and "stack" the frames that led there, innermost
first.

Two users install it (install() below):
- harness.py, for `asynclint verify`: one case file under `python3 -X dev`,
  in the exact mode (asyncio debug mode kept on, every warning recorded,
  threading.Lock proxied so that its acquire can be wrapped, a call hung past
  the bound aborted so that the case goes on, garbage collected before
  asyncio.run cancels what is left);
- sitecustomize.py, for `asynclint trace`: every Python process a user's
  command starts, in the observing mode, which changes nothing but timing:
  it never raises into the program, never turns a mode on, replaces no type.

The kinds, and the line each is attributed to, are internal/verify's package
doc. Standard library only.
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.runners
import atexit
import concurrent.futures
import contextvars
import functools
import gc
import inspect
import ipaddress
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

# What the blocking-call recorder wraps: (module, attribute path). One table,
# mirroring the blocking-call model of the blockingcall analyzers. Methods are
# wrapped on their Python class; C types without a Python class (threading's
# lock) are replaced by a thin proxy below, in the exact mode only.
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

# File objects are C types whose methods cannot be wrapped: in the exact
# mode, a file the case itself opens through one of these is handed back in
# a FileProxy, whose data methods (the model's io.IOBase methods) are
# recorded like the table's calls. The observing mode leaves the program
# its own file objects.
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

STACK_DEPTH = 25
ORIGIN_DEPTH = 10  # the observing mode's coroutine origin tracking: each coroutine pays for its depth
SLOW_CALLBACK = 0.05
OWN_FILES = {sys._getframe().f_code.co_filename}  # the recorder's frames are skipped

_real_open = io.open
_real_thread = threading.Thread
_real_signal = signal.signal
_real_allocate_lock = threading.Lock
_out_lock = _real_allocate_lock()
_tl = threading.local()


class Settings:
    events_path = None
    roots = ()            # project directories (with a trailing separator) and files
    exact = False         # harness.py's mode; see the module doc
    hang_bound = 2.0
    finish = None         # the exact mode's end of the run, before a hung thread exits
    # Exceptions the rules are confirmed by; others are the program's own
    # business. The exact mode adds AssertionError (verify's AL403 cases
    # state the belief the code relies on as an assert).
    exceptions = (TypeError, RuntimeError, AttributeError, asyncio.InvalidStateError)


S = Settings()
_out = None
_emitted = set()


class HarnessAbort(BaseException):
    """Unwinds a call the exact mode found hung; BaseException so that the
    case's own `except Exception` cannot swallow it."""


def _open_events():
    global _out
    _out = _real_open(S.events_path, "a", buffering=1, encoding="utf-8")


def _after_fork():
    """A forked child writes its own file, from scratch."""
    global _out_lock
    _out_lock = _real_allocate_lock()
    _emitted.clear()
    if S.events_path and not S.exact:
        S.events_path = events_file(os.path.dirname(S.events_path))
        _open_events()


def events_file(directory):
    return os.path.join(directory, "events-%d.jsonl" % os.getpid())


def emit(kind, loc, detail, stack=None):
    """Writes one event (once per process); loc is (filename, line) in a
    project file, or None; stack is [(filename, line, function)]."""
    file, line = loc or ("", 0)
    key = (kind, file, line, str(detail))
    if key in _emitted:
        return
    _emitted.add(key)
    rec = {"kind": kind, "file": file, "line": int(line), "detail": str(detail)}
    if stack:
        rec["stack"] = [{"file": f, "line": int(l), "func": fn} for f, l, fn in stack[:STACK_DEPTH]]
    try:
        with _out_lock:
            _out.write(json.dumps(rec) + "\n")
            _out.flush()
    except (OSError, ValueError):
        pass  # the events file is gone (the process is ending): nothing to do


def quietly(what, fn, *args, default=None):
    """Runs a piece of the recorder's own work: its failure is recorded as
    a harness-error, never raised into the program."""
    try:
        return fn(*args)
    except Exception as e:
        emit("harness-error", None, f"{what}: {e!r}")
        return default


_SITE_DIRS = (os.sep + "site-packages" + os.sep, os.sep + "dist-packages" + os.sep)


@functools.lru_cache(maxsize=4096)
def is_case(filename):
    """A project file: under a root directory (or a root file itself), not
    installed into an environment there, not the recorder's own."""
    if filename in OWN_FILES:
        return False
    for r in S.roots:
        if filename == r or (r.endswith(os.sep) and filename.startswith(r) and filename.endswith(".py")
                             and not any(d in filename[len(r) - 1:] for d in _SITE_DIRS)):
            return True
    return False


def stack():
    """Frames from the innermost outward, the recorder's skipped."""
    f = sys._getframe(1)
    out = []
    while f is not None:
        if f.f_code.co_filename not in OWN_FILES:
            out.append(f)
        f = f.f_back
    return out


def described(frames):
    """(filename, line, function) for the first STACK_DEPTH frames."""
    return [(f.f_code.co_filename, f.f_lineno, f.f_code.co_name) for f in frames[:STACK_DEPTH]]


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


def is_ip_address(host):
    """An IP address the resolver parses without a lookup."""
    if not isinstance(host, str):
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def cannot_wait(name, args, kwargs):
    """A call that cannot wait: a lookup of a numeric host
    (AI_NUMERICHOST, or an IP address given as the host), a put on a queue without a bound, a get on a queue
    that holds an item, an acquire of a free lock, a socket in
    non-blocking mode (it raises BlockingIOError instead of waiting), or a
    socket the kernel already reports ready for what one call of this
    method needs, or a concurrent future that is already done."""
    if name in ("concurrent.futures.Future.result", "concurrent.futures.Future.exception"):
        # A done future hands back its outcome at once.
        return bool(args) and hasattr(args[0], "done") and args[0].done()
    if name == "queue.Queue.put":
        return bool(args) and getattr(args[0], "maxsize", 1) <= 0
    if name == "threading.Lock.acquire":
        # A free lock is taken at once.
        return bool(args) and hasattr(args[0], "locked") and not args[0].locked()
    if name == "queue.Queue.get":
        # An item is there: one get takes it without waiting.
        return bool(args) and getattr(args[0], "qsize", lambda: 0)() > 0
    if name == "socket.getaddrinfo":
        flags = args[5] if len(args) > 5 else kwargs.get("flags", 0)
        host = args[0] if args else kwargs.get("host")
        return isinstance(flags, int) and bool(flags & socket.AI_NUMERICHOST) or is_ip_address(host)
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


def watch(name, args, kwargs):
    """Prepares the recording of one blocking call made on the loop's
    thread by the project: its kind, line and stack, and the hang watchdog
    (started). None when the call is not one to record."""
    if getattr(_tl, "busy", False) or not loop_running_here() or cannot_wait(name, args, kwargs):
        return None
    only_with = BLOCKS_ONLY_WITH.get(name, ())
    if only_with and all(kwargs.get(k) is None for k in only_with):
        return None
    frames = stack()
    # Only calls the project makes itself: library code that blocks on
    # the project's behalf is attributed through the wrapped call it made.
    if not frames or not is_case(frames[0].f_code.co_filename):
        return None
    kind, line = classify_blocking(frames)
    where = described(frames)
    state = {"hung": False}
    me = threading.get_ident()

    def on_hang():
        state["hung"] = True
        emit("hang", innermost_case_loc(frames), f"{name} blocked the event loop for more than {S.hang_bound}s", where)
        if not S.exact:
            return  # the observing mode only reports
        if me == threading.main_thread().ident:
            signal.pthread_kill(me, signal.SIGUSR1)
        else:
            S.finish()
            os._exit(0)

    _tl.internal = True
    try:
        timer = threading.Timer(S.hang_bound, on_hang)
    finally:
        _tl.internal = False
    timer.daemon = True
    timer.start()
    return kind, line, where, timer, state


def wrap_blocking(name, fn):
    @functools.wraps(fn)
    def blocking(*args, **kwargs):
        try:
            watched = watch(name, args, kwargs)
        except Exception as e:  # the recorder's failure is not the program's
            emit("harness-error", None, f"{name}: {e!r}")
            watched = None
        if watched is None:
            return fn(*args, **kwargs)
        kind, line, where, timer, state = watched
        _tl.busy = True
        try:
            result = fn(*args, **kwargs)
        except HarnessAbort:
            raise
        except (TypeError, AttributeError):
            # A misuse (wrong argument kind) did not block: not recorded.
            raise
        except BaseException:
            if state["hung"] and S.exact:
                raise HarnessAbort(name) from None
            emit(kind, line, f"{name} called while the event loop runs", where)
            raise
        finally:
            timer.cancel()
            _tl.busy = False
        if state["hung"] and S.exact:
            raise HarnessAbort(name)
        emit(kind, line, f"{name} called while the event loop runs", where)
        return result

    blocking.__asynclint_wrapped__ = True
    return blocking


class TrackedLock:
    """threading.Lock() is a C lock without a Python class to wrap; this
    proxy gives its acquire a Python method (the table wraps it). The exact
    mode only: it is a different type."""

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


def table_entries(table, modname):
    """(owner, attribute, function) for each entry of a (module, path)
    table that names the module modname."""
    mod = sys.modules[modname]
    for m, path in table:
        if m != modname:
            continue
        owner = mod
        *parents, attr = path.split(".")
        for p in parents:
            owner = getattr(owner, p, None)
        yield owner, attr, path, getattr(owner, attr, None)


def wrap_module(modname):
    for owner, attr, path, fn in table_entries(BLOCKING, modname):
        if fn is not None and not getattr(fn, "__asynclint_wrapped__", False):
            try:
                setattr(owner, attr, wrap_blocking(f"{modname}.{path}", fn))
            except (AttributeError, TypeError):
                pass  # a C type (threading.Lock outside the exact mode)
    if not S.exact:
        return
    for owner, attr, _, fn in table_entries(FILE_FACTORIES, modname):
        if fn is not None and not getattr(fn, "__asynclint_factory__", False):
            setattr(owner, attr, wrap_file_factory(fn))


class AfterImport:
    """A meta path finder that runs the recorder's hooks on a module right
    after the program imports it: importing the table's modules up front
    (urllib.request, http.client, sqlite3) would cost every process half a
    second, and importing pytest's would change what a program loads."""

    def __init__(self):
        self.hooks = {}  # module name -> [function(module)]

    def find_spec(self, name, path=None, target=None):
        if name not in self.hooks:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                real_exec = spec.loader.exec_module

                def exec_module(module, real_exec=real_exec):
                    real_exec(module)
                    for hook in self.hooks.get(name, ()):
                        quietly("after importing " + name, hook, module)

                spec.loader.exec_module = exec_module
                return spec
            if spec is not None:
                return spec
        return None


_after_import = AfterImport()


def after_import(modname, hook):
    """Runs hook(module) now if the program has imported modname, else
    right after it does."""
    mod = sys.modules.get(modname)
    if mod is not None:
        quietly("hooking " + modname, hook, mod)
    else:
        _after_import.hooks.setdefault(modname, []).append(hook)


def install_blocking():
    if S.exact:
        threading.Lock = TrackedLock
    for modname in dict.fromkeys(m for m, _ in BLOCKING + (FILE_FACTORIES if S.exact else [])):
        after_import(modname, lambda mod: wrap_module(mod.__name__))


# --- coroutine functions handed to callers that drop their result ---------
#
# A coroutine the runtime creates by calling a registered callback is
# created by Handle._run (loop callbacks: its creation stack starts in
# asyncio/events.py, and on_never_awaited reports it at the lines that
# registered its function), or dropped at a known moment: inside
# Thread.run (Thread, Timer targets) or the wrappers below (signal
# handlers, atexit functions), while _tl.reg holds (registration line, code
# object).

# code object -> lines that registered that coroutine function as a loop
# callback (call_soon, call_at and call_later, call_soon_threadsafe; done
# callbacks: the exact mode's profiler sees add_done_callback, a C method).
_callback_regs = {}
_HANDLE_RUN_FILE = asyncio.events.Handle._run.__code__.co_filename


_PY_CALLABLES = (types.FunctionType, types.MethodType, functools.partial)


def register_callback(fn, loc):
    if loc is not None:
        _callback_regs.setdefault(code_of(fn), set()).add(loc)


def code_of(fn):
    """The code object a callable runs (through functools.partial)."""
    while isinstance(fn, functools.partial):
        fn = fn.func
    return getattr(fn, "__code__", None)


def is_coroutine_function(fn):
    code = code_of(fn)
    return code is not None and bool(code.co_flags & inspect.CO_COROUTINE)


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
    if not is_coroutine_function(fn):
        return fn

    @functools.wraps(fn)
    def callback(*args, **kwargs):
        def call():
            fn(*args, **kwargs)
        dropping(loc, fn, call)

    return callback


def hop(fn, loc, left=None):
    """Wraps fn, run in another thread, so that a ContextVar read there
    knows the line that hopped threads and the context it left behind (by
    default the current one); the profiler that sees the reads runs only
    while fn does."""
    left = left if left is not None else contextvars.copy_context()

    @functools.wraps(fn)
    def hopped(*a, **kw):
        prev, _tl.hop = getattr(_tl, "hop", None), (loc, left)
        prof = sys.getprofile()
        if prof is None:
            sys.setprofile(profiler)
        try:
            return fn(*a, **kw)
        finally:
            if prof is None:
                sys.setprofile(None)
            _tl.hop = prev

    return hopped


def install_registrations():
    thread_init = _real_thread.__init__

    @functools.wraps(thread_init)
    def init(self, *args, **kwargs):
        thread_init(self, *args, **kwargs)
        self._asynclint_reg = self._asynclint_hop = None
        if not getattr(_tl, "internal", False):
            quietly("thread", note_thread, self)

    def note_thread(thread):
        loc = innermost_case_loc()
        thread._asynclint_reg = loc
        thread._asynclint_hop = (loc, contextvars.copy_context()) if loc is not None and loop_running_here() else None

    threading.Thread.__init__ = init

    thread_run = _real_thread.run

    @functools.wraps(thread_run)
    def run(self):
        fn = getattr(self, "_target", None) or getattr(self, "function", None)  # Timer: function
        call = lambda: thread_run(self)
        h = getattr(self, "_asynclint_hop", None)
        if h is not None:
            call = hop(call, h[0], h[1])
        return dropping(getattr(self, "_asynclint_reg", None), fn, call)

    threading.Thread.run = run

    timer_run = threading.Timer.run

    @functools.wraps(timer_run)
    def trun(self):
        return dropping(getattr(self, "_asynclint_reg", None), self.function, lambda: timer_run(self))

    threading.Timer.run = trun

    real_register = atexit.register

    @functools.wraps(real_register)
    def register(fn, *args, **kwargs):
        real_register(quietly("atexit", lambda: registered_callback(fn, innermost_case_loc()), default=fn), *args, **kwargs)
        return fn

    atexit.register = register

    @functools.wraps(_real_signal)
    def sig(signalnum, handler):
        return _real_signal(signalnum, quietly("signal", lambda: registered_callback(handler, innermost_case_loc()), default=handler))

    signal.signal = sig

    if S.exact:
        # Debug mode makes call_soon/call_later/call_at/call_soon_threadsafe
        # refuse a coroutine function at once; production calls it later and
        # drops the coroutine, which RULES.md names as AL104's evidence. The
        # exact mode keeps production's behaviour.
        real_check = asyncio.base_events.BaseEventLoop._check_callback

        def check_callback(self, callback, method):
            if method not in ("call_soon", "call_at", "call_later", "call_soon_threadsafe") \
                    or not asyncio.coroutines.iscoroutinefunction(callback):
                real_check(self, callback, method)

        asyncio.base_events.BaseEventLoop._check_callback = check_callback

    # A coroutine function registered as a loop callback: the line that
    # registered it. A future's done callback is scheduled with call_soon
    # where the future completes, not where the callback was added: those
    # lines are the profiler's.
    def note_registration(callback, rest):
        if is_coroutine_function(callback) and not (rest and asyncio.isfuture(rest[0])):
            register_callback(callback, innermost_case_loc())

    def registering(real, at):
        @functools.wraps(real)
        def schedule(self, *args, **kwargs):
            callback = args[at] if len(args) > at else None
            # (type first: most callbacks are the C methods of tasks and futures)
            if type(callback) in _PY_CALLABLES:
                quietly("registration", note_registration, callback, args[at + 1:])
            return real(self, *args, **kwargs)

        return schedule

    for name, at in (("call_soon", 0), ("call_at", 1), ("call_soon_threadsafe", 0)):
        setattr(asyncio.base_events.BaseEventLoop, name, registering(getattr(asyncio.base_events.BaseEventLoop, name), at))

    # Thread hops from code the loop runs: the line that hopped is where a
    # ContextVar read in the other thread lost its context.
    real_rie = asyncio.base_events.BaseEventLoop.run_in_executor

    @functools.wraps(real_rie)
    def run_in_executor(self, executor, func, *args):
        return real_rie(self, executor, quietly("executor", lambda: hop(func, innermost_case_loc()), default=func), *args)

    real_submit = concurrent.futures.ThreadPoolExecutor.submit

    @functools.wraps(real_submit)
    def submit(self, fn, /, *args, **kwargs):
        if loop_running_here() and getattr(_tl, "hop", None) is None:
            fn = quietly("submit", hop_from_here, fn, default=fn)
        return real_submit(self, fn, *args, **kwargs)

    def hop_from_here(fn):
        loc = innermost_case_loc()
        return hop(fn, loc) if loc is not None else fn

    concurrent.futures.ThreadPoolExecutor.submit = submit
    asyncio.base_events.BaseEventLoop.run_in_executor = run_in_executor


# --- the profiler: add_done_callback registrations, ContextVar reads -------
#
# The exact mode profiles every thread; the observing mode only the
# functions that hopped threads (hop above), since profiling every C call
# of a whole test suite would cost more than the suite.

_set_vars = set()


def context_lost(var):
    """A ContextVar read in another thread that sees its default, while the
    variable was set somewhere (the exact mode's profiler saw it) or had a
    value in the context the hop left behind."""
    if loop_running_here() or threading.current_thread() is threading.main_thread() \
            or var in contextvars.copy_context():
        return False
    h = getattr(_tl, "hop", None)
    return id(var) in _set_vars or (h is not None and var in h[1])


def profiler(frame, event, arg):
    if event != "c_call" and event != "c_return":
        return
    name = getattr(arg, "__name__", "")
    if name in ("add_done_callback", "get", "set"):
        # (a profile function that raises would raise into the program)
        quietly("profiler", profile_call, frame, event, arg, name)


def profile_call(frame, event, arg, name):
    owner = getattr(arg, "__self__", None)
    if isinstance(owner, contextvars.ContextVar):
        if event != "c_call":
            return
        if name == "set":
            _set_vars.add(id(owner))
        elif name == "get" and context_lost(owner):
            h = getattr(_tl, "hop", None) or getattr(threading.current_thread(), "_asynclint_hop", None)
            emit("context-lost", (h and h[0]) or innermost_case_loc(),
                 f"ContextVar {owner.name!r} read its default in thread {threading.current_thread().name!r}",
                 described(stack()))
        return
    if name == "add_done_callback" and event == "c_return" and is_case(frame.f_code.co_filename):
        try:
            cbs = owner._callbacks or []
        except AttributeError:
            return
        fn = cbs[-1][0] if cbs else None
        if is_coroutine_function(fn):
            register_callback(fn, loc_of(frame))


# --- exceptions raised through the project's frames (caught or not) -------

def mark(exc, what):
    """Marks an exception object (never kept alive: its traceback holds
    frames, and so coroutines that must be collected to be reported)."""
    try:
        setattr(exc, "__asynclint_" + what, True)
    except (AttributeError, TypeError):
        pass


def marked(exc, what):
    return getattr(exc, "__asynclint_" + what, False)


# An exception a test expects (raised inside `with self.assertRaises(E)`
# or `with pytest.raises(E)`, or by the callable they are given, and an
# E) is what the test asks for, not a finding: it is recorded as an
# "expected-exception", which confirms no rule but still explains a
# coroutine left unawaited on its line (the call that raised never ran
# it). The open contexts' expected types live in a context variable, so
# that another task running while a test awaits inside the block is not
# covered by it.
_expected = contextvars.ContextVar("asynclint_expected", default=())

# (module, class, attribute holding the expected type or types): pytest
# 7.0-8.3's RaisesContext, pytest 8.4's RaisesExc, unittest's context.
EXPECTING_CONTEXTS = [
    ("unittest.case", "_AssertRaisesContext", "expected"),
    ("_pytest.python_api", "RaisesContext", "expected_exception"),
    ("_pytest.raises", "RaisesExc", "expected_exceptions"),
]


def expecting(types, call):
    """Runs call() with types expected."""
    _expected.set(_expected.get() + (types,))
    try:
        return call()
    finally:
        _expected.set(_expected.get()[:-1])


def install_expected_raises():
    for modname, clsname, attr in EXPECTING_CONTEXTS:
        after_import(modname, lambda mod, c=clsname, a=attr: wrap_expecting_context(getattr(mod, c, None), a))
    # pytest before 8.4 runs raises(E, func, *args)'s func itself.
    after_import("_pytest.python_api", wrap_pytest_raises)


def wrap_expecting_context(cls, attr):
    if cls is None or getattr(cls.__enter__, "__asynclint_wrapped__", False):
        return
    real_enter, real_exit = cls.__enter__, cls.__exit__

    @functools.wraps(real_enter)
    def enter(self):
        _expected.set(_expected.get() + (getattr(self, attr, None) or (),))
        return real_enter(self)

    @functools.wraps(real_exit)
    def exit_(self, exc_type=None, exc=None, tb=None):
        __tracebackhide__ = True  # pytest leaves it out of a failure's traceback
        _expected.set(_expected.get()[:-1])
        swallowed = real_exit(self, exc_type, exc, tb)
        if swallowed and exc is not None:
            quietly("expected exception", note_expected, exc)
        return swallowed

    enter.__asynclint_wrapped__ = True
    cls.__enter__, cls.__exit__ = enter, exit_


def wrap_pytest_raises(mod):
    real = getattr(mod, "raises", None)
    if real is None or getattr(real, "__asynclint_wrapped__", False):
        return

    @functools.wraps(real)
    def raises(expected_exception, *args, **kwargs):
        __tracebackhide__ = True
        if not args:
            return real(expected_exception, *args, **kwargs)
        info = expecting(expected_exception, lambda: real(expected_exception, *args, **kwargs))
        quietly("expected exception", note_expected, getattr(info, "value", None))
        return info

    raises.__asynclint_wrapped__ = True
    mod.raises = raises
    # pytest re-exports it: a program that imported pytest first holds the
    # name there.
    pytest = sys.modules.get("pytest")
    if pytest is not None and getattr(pytest, "raises", None) is real:
        pytest.raises = raises


def expected(exc):
    for types in _expected.get():
        try:
            if isinstance(exc, types):
                return True
        except TypeError:
            pass  # not a type or tuple of types: the test fails on its own
    return False


def local_trace(frame, event, arg):
    if event == "exception":
        # (a trace function that raises would raise into the program)
        quietly("exception", record_exception, frame, arg)
    return local_trace


def record_exception(frame, arg):
    exc = arg[1]
    if isinstance(exc, S.exceptions) and not marked(exc, "seen"):
        # The first traced frame it reaches; the untraced ones it came
        # through (the observing mode traces coroutine frames only) are
        # on its traceback: the event is at the innermost project line.
        outer = []
        f = frame.f_back
        while f is not None:
            outer.append(f)
            f = f.f_back
        kind = "expected-exception" if expected(exc) else "exception"
        loc, detail = emit_exception(kind, exc, arg[2], outer, loc_of(frame))
        if kind == "exception":
            note_legacy_missing(exc, loc, detail)


def emit_exception(kind, exc, tb, outer, fallback):
    """Records exc (and marks it seen) at the innermost project line of
    its traceback tb, then of the frames outer (outward), else at
    fallback; returns that line and the event's detail."""
    mark(exc, "seen")
    inner = []
    while tb is not None:
        inner.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    inner.reverse()
    where = [fr for fr in inner if fr[0] not in OWN_FILES] + described(outer)
    loc = next(((f, l) for f, l, _ in where if is_case(f)), fallback)
    detail = f"{type(exc).__name__}: {exc}"
    emit(kind, loc, detail, where)
    return loc, detail


# --- a removed legacy API with its replacement as the fallback -------------
# `try: tasks = asyncio.Task.all_tasks() / except AttributeError: tasks =
# asyncio.all_tasks()` is version-portable: where the legacy API is gone,
# its AttributeError is what the code expects, and the handler calls the
# replacement. The replacement called while that AttributeError is being
# handled (sys.exc_info) is recorded as a "feature-fallback" with the
# exception's line and detail (event.go then reads the exception as
# expected). The replacements are wrapped in the asyncio namespace only.
LEGACY_REPLACED = re.compile(r"^AttributeError: type object '[^']*Task' has no attribute '(all_tasks|current_task)'$")


def note_legacy_missing(exc, loc, detail):
    m = LEGACY_REPLACED.match(detail)
    if m:
        try:
            exc.__asynclint_legacy = (m.group(1), loc, detail)
        except (AttributeError, TypeError):
            pass


def install_fallback_watch():
    for name in ("all_tasks", "current_task"):
        real = getattr(asyncio, name, None)
        if real is None or getattr(real, "__asynclint_wrapped__", False):
            continue

        def watched(*args, _real=real, _name=name, **kwargs):
            quietly("feature fallback", note_fallback, _name)
            return _real(*args, **kwargs)

        functools.update_wrapper(watched, real)
        watched.__asynclint_wrapped__ = True
        setattr(asyncio, name, watched)


def note_fallback(name):
    legacy = getattr(sys.exc_info()[1], "__asynclint_legacy", None)
    if legacy is not None and legacy[0] == name:
        emit("feature-fallback", legacy[1], legacy[2])


def note_expected(exc):
    """An exception a test's expectation caught that no traced frame saw:
    raised and caught below the project's coroutine frames (in the
    callable given to pytest.raises or assertRaises, or inside a
    synchronous test). Recorded now, so that a coroutine its call never
    ran is explained by it."""
    if isinstance(exc, S.exceptions) and not marked(exc, "seen"):
        emit_exception("expected-exception", exc, exc.__traceback__, stack(), None)


def global_trace(frame, event, arg):
    if is_case(frame.f_code.co_filename):
        frame.f_trace_lines = False
        return local_trace
    return None


def global_trace_async(frame, event, arg):
    """The observing mode traces coroutine frames only: every traced frame
    costs a call per event, and the exceptions it records for rules
    (a loop started inside a running loop, a concurrent future awaited, a
    coroutine awaited twice) reach a coroutine frame."""
    code = frame.f_code
    if code.co_flags & _ASYNC_FLAGS and is_case(code.co_filename):
        frame.f_trace_lines = False
        return local_trace
    return None


_ASYNC_FLAGS = inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE | inspect.CO_ASYNC_GENERATOR


# --- never-awaited coroutines, warnings -----------------------------------

def frames_of(obj):
    """The creation stack of obj, innermost first, as (filename, lineno, function)."""
    tb = tracemalloc.get_object_traceback(obj)
    if tb is not None and len(tb):
        return [(f.filename, f.lineno, "") for f in reversed(list(tb)) if f.filename not in OWN_FILES]
    origin = getattr(obj, "cr_origin", None)  # coroutine origin tracking
    if origin:
        return [(f, l, fn) for f, l, fn in origin if f not in OWN_FILES]
    return []


def on_never_awaited(coro, text):
    frames = frames_of(coro)
    code = getattr(coro, "cr_code", None)
    by_runtime = not frames or not is_case(frames[0][0])
    # Created by the loop running a callback (Handle._run): reported at the
    # lines that registered its function, and at no other line.
    if by_runtime and frames and frames[0][0] == _HANDLE_RUN_FILE:
        for loc in sorted(_callback_regs.get(code, ())):
            emit("coroutine-callback", loc, text)
        return
    # Created by another caller of a registered callback (a thread, a
    # timer, atexit, a signal handler).
    reg = getattr(_tl, "reg", None)
    if reg is not None and reg[0] is not None and reg[1] is code:
        emit("coroutine-callback", reg[0], text)
        return
    emit("never-awaited", creation_loc(frames, getattr(code, "co_name", "")), text, frames)


_RETURN_CALL = re.compile(r"\s*return\s+(?:await\s+)?[\w.\[\]]*\(.*\)\s*(?:#.*)?$")


def creation_loc(frames, name=""):
    """The project line that dropped a coroutine, from its creation stack:
    the innermost project frame, stepping out of frames whose line only
    returns a call (a decorator's wrapper hands the coroutine to its
    caller) unless the coroutine's own function is called inside that
    call's arguments (`return asyncio.run(fetch(x))` dropped it there)."""
    case = [(f, l) for f, l, _ in frames if is_case(f)]
    i = 0
    while i + 1 < len(case):
        text = linecache.getline(case[i][0], case[i][1])
        if not _RETURN_CALL.match(text) or (name and re.search(r"\(.*\b%s\(" % re.escape(name), text)):
            break
        i += 1
    return case[i] if case else None


def install_never_awaited():
    """CPython reports a coroutine collected unawaited through
    warnings._warn_unawaited_coroutine, before any filter or
    catch_warnings (pytest records warnings per test) can hide it: the
    recorder sees it there, then lets the warning go on as it would."""
    real = warnings._warn_unawaited_coroutine

    @functools.wraps(real)
    def warn_unawaited(coro):
        try:
            on_never_awaited(coro, f"coroutine '{coro.__qualname__}' was never awaited")
        except Exception as e:  # a recorder bug must not disturb the program
            emit("harness-error", None, f"never-awaited: {e!r}")
        if _tracking["ours"] and not _tracking["theirs"]:
            # The origin is tracked for the recorder only: the warning reads
            # as it would without it (warnings._warn_unawaited_coroutine's
            # message and stack level).
            warnings.warn(f"coroutine '{coro.__qualname__}' was never awaited",
                          category=RuntimeWarning, stacklevel=2, source=coro)
            return
        real(coro)

    warnings._warn_unawaited_coroutine = warn_unawaited


# Coroutine origin tracking gives a never-awaited coroutine its creation
# stack (the observing mode's substitute for tracemalloc, at a fraction of
# the cost). The program still sees its own setting.
_tracking = {"ours": False, "theirs": 0}


def install_origin_tracking():
    real_set, real_get = sys.set_coroutine_origin_tracking_depth, sys.get_coroutine_origin_tracking_depth
    _tracking["theirs"] = real_get()
    _tracking["ours"] = True
    real_set(max(ORIGIN_DEPTH, _tracking["theirs"]))

    @functools.wraps(real_set)
    def set_depth(depth):
        real_set(max(ORIGIN_DEPTH, depth) if depth >= 0 else depth)
        _tracking["theirs"] = depth

    @functools.wraps(real_get)
    def get_depth():
        return _tracking["theirs"]

    sys.set_coroutine_origin_tracking_depth = set_depth
    sys.get_coroutine_origin_tracking_depth = get_depth


def on_warning(msg):
    """The exact mode's warnings hook (every warning is shown there)."""
    if getattr(_tl, "in_warning", False):
        return
    _tl.in_warning = True
    try:
        text = str(msg.message)
        if issubclass(msg.category, RuntimeWarning) and text.splitlines()[0].endswith("was never awaited") \
                and inspect.iscoroutine(msg.source):
            pass  # recorded by install_never_awaited
        elif issubclass(msg.category, (DeprecationWarning, PendingDeprecationWarning)):
            line = (msg.filename, msg.lineno) if is_case(msg.filename) else innermost_case_loc()
            emit("deprecation", line, f"{msg.category.__name__}: {text}")
        else:
            line = (msg.filename, msg.lineno) if is_case(msg.filename) else None
            emit("warning", line, f"{msg.category.__name__}: {text}")
    except Exception as e:  # a recorder bug must not hide the case's events
        emit("harness-error", None, f"warning handler: {e!r}")
    finally:
        _tl.in_warning = False


# --- the event loop: destroyed tasks, implicit loops, slow callbacks -------

def task_frames(task):
    """A task's creation stack: asyncio debug mode's, else its coroutine's
    origin (created on the line that makes the task, as a rule)."""
    tb = getattr(task, "_source_traceback", None)
    if tb:
        return [(f.filename, f.lineno, f.name) for f in reversed(tb)]
    get_coro = getattr(task, "get_coro", None)
    return frames_of(get_coro()) if get_coro is not None else []


def task_loc(task):
    return next(((f, l) for f, l, _ in task_frames(task) if is_case(f)), None)


def install_loop_hooks():
    real_handler = asyncio.base_events.BaseEventLoop.call_exception_handler

    @functools.wraps(real_handler)
    def call_exception_handler(self, context):
        try:
            if context.get("message", "").startswith("Task was destroyed but it is pending"):
                task = context.get("task") or context.get("future")
                coro = getattr(task, "get_coro", lambda: None)()
                emit("task-destroyed", task_loc(task),
                     f"Task was destroyed but it is pending: {getattr(coro, '__qualname__', task)}", task_frames(task))
        except Exception as e:
            emit("harness-error", None, f"exception handler: {e!r}")
        return real_handler(self, context)

    asyncio.base_events.BaseEventLoop.call_exception_handler = call_exception_handler

    # Pending tasks left to a loop that closes (pytest-asyncio closes each
    # test's loop) or to asyncio.run's end.
    real_close = asyncio.base_events.BaseEventLoop.close

    @functools.wraps(real_close)
    def close(self):
        if not self.is_running() and not self.is_closed():
            report_unreferenced(self)
        return real_close(self)

    asyncio.base_events.BaseEventLoop.close = close

    real_cancel = asyncio.runners._cancel_all_tasks

    def cancel_all_tasks(loop):
        if S.exact:
            # A task whose only reference was dropped is destroyed while
            # still pending, before asyncio.run cancels what is left.
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
        quietly("get_event_loop", note_implicit_loop, self)
        loop = real_get(self)
        quietly("get_event_loop", note_policy_loop, loop)
        return loop

    def note_policy_loop(loop):
        running = asyncio.events._get_running_loop()
        if running is not None and loop is not running:
            emit("policy-loop", innermost_case_loc(),
                 "the policy's get_event_loop() returned a loop other than the running one")

    def note_implicit_loop(policy):
        if policy._local._loop is None and not policy._local._set_called \
                and threading.current_thread() is threading.main_thread():
            emit("deprecation", innermost_case_loc(),
                 "DeprecationWarning: There is no current event loop (implicit loop creation; "
                 "deprecated since 3.12, an error from 3.14)")

    policy_cls.get_event_loop = get_event_loop

    if not S.exact:
        return

    # asyncio.get_event_loop() where a loop runs: it returns that loop. Recorded
    # where the caller is code whose every caller the case holds (a coroutine,
    # a private or nested function), the code AL302 speaks about. (The exact
    # mode only: the C function becomes a Python one that walks the stack.)
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


def known_callers(code):
    """A coroutine, or a function whose qualified name has a private part
    (one leading underscore) or a <locals> part."""
    if is_async(code):
        return True
    for part in code.co_qualname.split("."):
        if part == "<locals>" or part.startswith("_") and not (part.startswith("__") and part.endswith("__")):
            return True
    return False


def report_unreferenced(loop):
    """A task still pending when its loop is done with that nothing but the
    loop's own machinery references (a handle, a future's callback, a bound
    method of the task) is a task whose only reference was dropped: the
    loop keeps it weakly and it survives only by the accident of what it
    waits on. Reported as "task-unreferenced" at the line that created it."""
    try:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        mine = {id(pending)}
        here = sys._getframe()
        for task in pending:
            owners = [r for r in gc.get_referrers(task)
                      if id(r) not in mine and r is not here
                      and not isinstance(r, (asyncio.Future, asyncio.events.Handle, types.MethodType,
                                             types.BuiltinMethodType, weakref.ReferenceType))
                      and not (isinstance(r, types.FrameType) and r.f_code.co_filename in OWN_FILES)]
            if not owners:
                coro = task.get_coro()
                emit("task-unreferenced", task_loc(task),
                     f"task {getattr(coro, '__qualname__', task)} is pending at the end of its loop and only the loop references it",
                     task_frames(task))
    except Exception as e:
        emit("harness-error", None, f"unreferenced tasks: {e!r}")


class SlowCallbacks(logging.Handler):
    def emit(self, record):
        text = record.getMessage()
        if text.startswith("Executing "):
            emit("slow-callback", None, text.splitlines()[0])


# --- installing -----------------------------------------------------------

def on_exit():
    """Stops recording (the exact mode collects garbage first, so that what
    is left unawaited is reported)."""
    sys.settrace(None)
    threading.settrace(None)
    sys.setprofile(None)
    threading.setprofile(None)
    if S.exact:
        for _ in range(3):
            gc.collect()


def install(events_path, roots, exact=False, hang_bound=2.0):
    """Starts recording into events_path: roots are the project's
    directories and files (absolute), exact is harness.py's mode."""
    S.events_path = events_path
    S.roots = tuple(os.path.join(r, "") if os.path.isdir(r) else r for r in map(os.path.abspath, roots))
    S.exact = exact
    S.hang_bound = hang_bound
    if exact:
        S.exceptions = S.exceptions + (AssertionError,)
    _open_events()
    os.register_at_fork(after_in_child=_after_fork)
    if exact:
        os.environ["PYTHONASYNCIODEBUG"] = "1"
        tracemalloc.start(STACK_DEPTH)
        warnings.simplefilter("always")
        warnings._showwarnmsg = on_warning
        logging.getLogger("asyncio").addHandler(SlowCallbacks())
    else:
        install_origin_tracking()
    install_never_awaited()
    install_loop_hooks()
    install_expected_raises()
    install_fallback_watch()
    install_registrations()
    install_blocking()
    sys.meta_path.insert(0, _after_import)
    tracer = global_trace if exact else global_trace_async
    threading.settrace(tracer)
    sys.settrace(tracer)
    if exact:
        threading.setprofile(profiler)
        sys.setprofile(profiler)
