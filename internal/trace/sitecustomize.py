"""asynclint trace: installs the runtime recorder (asynclint_recorder,
beside this file) in this Python process, then runs the sitecustomize this
one shadows, as site.py would have. `asynclint trace` writes both files
into a temporary directory it owns and puts it first on PYTHONPATH, so
every Python process of the traced command records; no file of the
program changes. Nothing here may raise into the program: a failure to
install is written to the trace directory and the program runs unrecorded.
"""

import os
import sys


def _install():
    here = os.path.dirname(os.path.abspath(__file__))
    trace_dir = os.environ.get("ASYNCLINT_TRACE_DIR", "")
    # The program's sys.path stays as it would be; children find this
    # directory through PYTHONPATH.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    if not trace_dir:
        return
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


def _chain():
    """Runs the next sitecustomize on the path, with site.py's handling of
    its errors."""
    import importlib.machinery
    import importlib.util
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", sys.path)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["sitecustomize"] = module
    try:
        spec.loader.exec_module(module)
    except Exception as err:
        if sys.flags.verbose:
            sys.excepthook(*sys.exc_info())
        else:
            sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n"
                             "%s: %s\n" % (err.__class__.__name__, err))


_install()
_chain()
