"""asynclint trace: installs the runtime recorder (asynclint_recorder,
beside this file) in this Python process when it first imports asyncio,
then runs the sitecustomize this one shadows, as site.py would have. `asynclint trace` writes both files
into a temporary directory it owns and puts it first on PYTHONPATH, so
every Python process of the traced command records; no file of the
program changes. Nothing here may raise into the program: a failure to
install is written to the trace directory and the program runs unrecorded.
"""

import os
import sys


def _install():
    """Arranges for the recorder to install when the process first imports
    asyncio: a process that never does pays nothing for it."""
    here = os.path.dirname(os.path.abspath(__file__))
    trace_dir = os.environ.get("ASYNCLINT_TRACE_DIR", "")
    # The program's sys.path stays as it would be; children find this
    # directory through PYTHONPATH.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    if not trace_dir:
        return

    def record():
        try:
            sys.path.insert(0, here)
            try:
                import asynclint_recorder as recorder
            finally:
                sys.path.remove(here)
            roots = [r for r in os.environ.get("ASYNCLINT_TRACE_ROOTS", "").split(os.pathsep) if r]
            recorder.install(recorder.events_file(trace_dir), roots,
                             hang_bound=float(os.environ.get("ASYNCLINT_HANG_BOUND", "2")))
        except Exception as e:
            try:
                with open(os.path.join(trace_dir, "errors-%d.txt" % os.getpid()), "a") as f:
                    f.write("%s: %r\n" % (sys.executable, e))
            except OSError:
                pass

    if "asyncio" in sys.modules:
        record()
        return

    class RecordOnAsyncio:
        def find_spec(self, name, path=None, target=None):
            if name != "asyncio":
                return None
            sys.meta_path.remove(self)
            import importlib.util
            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
                return spec
            real_exec = spec.loader.exec_module

            def exec_module(module):
                real_exec(module)
                record()

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, RecordOnAsyncio())


def _chain():
    """Imports the next sitecustomize on the path (this directory is off
    it now), with site.py's handling of its errors."""
    me = sys.modules.pop("sitecustomize", None)
    try:
        __import__("sitecustomize")
    except ImportError as exc:
        if exc.name == "sitecustomize":
            sys.modules["sitecustomize"] = me  # there is none
        else:
            _site_error(exc)
    except Exception as exc:
        _site_error(exc)


def _site_error(err):
    if sys.flags.verbose:
        sys.excepthook(*sys.exc_info())
    else:
        sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n"
                         "%s: %s\n" % (err.__class__.__name__, err))


_install()
_chain()
