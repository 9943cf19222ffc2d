"""asynclint verify harness: run ONE case file under CPython's own
diagnostics, with the recorder (recorder.py, beside this file) in its exact
mode writing what the runtime reports as JSON lines
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
import builtins
import inspect
import os
import signal
import sys
import types

import asynclint_recorder as recorder

EVENTS_PATH, CASE, MODE = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
recorder.OWN_FILES.add(sys._getframe().f_code.co_filename)


_finished = []


def finish():
    if _finished:
        return
    _finished.append(True)
    recorder.on_exit()
    recorder.emit("done", None, "")


def on_sigusr1(signum, frame):
    """SIGUSR1 comes from the hang watchdog (a call already reported), or
    from verify when the whole case ran out of time: then say where the
    case was, and stop it."""
    if not getattr(recorder._tl, "busy", False):
        frames = []
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
        recorder.emit("timeout", recorder.innermost_case_loc(frames), "the case was still running here when it ran out of time")
        finish()
        os._exit(3)
    raise recorder.HarnessAbort("hang bound")


def run_case():
    with recorder._real_open(CASE, "rb") as f:
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
            recorder.emit("harness-error", None, "mode main: the case defines no `async def main()`")
            return
        asyncio.run(main(), debug=True)


def main():
    if os.environ.get("ASYNCLINT_HARNESS_DEBUG"):
        import faulthandler
        faulthandler.dump_traceback_later(float(os.environ["ASYNCLINT_HARNESS_DEBUG"]), exit=True)
    recorder.S.finish = finish
    recorder._real_signal(signal.SIGUSR1, on_sigusr1)
    recorder.install(EVENTS_PATH, [os.path.dirname(CASE), CASE], exact=True,
                     hang_bound=float(os.environ.get("ASYNCLINT_HANG_BOUND", "2.0")))
    status = 0
    try:
        run_case()
    except recorder.HarnessAbort:
        pass
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 0
    except BaseException as e:
        import traceback
        traceback.print_exc()
        # verify accepts it only where it is the evidence a want asks for.
        recorder.emit("uncaught", innermost_tb_loc(e.__traceback__), f"{type(e).__name__}: {e}")
    finish()
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def innermost_tb_loc(tb):
    line = None
    while tb is not None:
        if recorder.is_case(tb.tb_frame.f_code.co_filename):
            line = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return line


if __name__ == "__main__":
    sys.exit(main())
