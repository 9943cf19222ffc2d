package pyfront

import "testing"

// TestBridgeLowering checks that the fast path lowers the synchronous
// modules between async code and the thread side: a ContextVar read three
// modules below a run_in_executor target, and asyncio.run two synchronous
// layers below a coroutine; an unrelated synchronous module stays skipped.
func TestBridgeLowering(t *testing.T) {
	prog := load(t, map[string]string{
		"pkg/__init__.py":  "",
		"pkg/ctx.py":       "import contextvars\nrequest_id = contextvars.ContextVar('rid')\n",
		"pkg/audit.py":     "from .ctx import request_id\n\ndef stamp(m):\n    return request_id.get()\n",
		"pkg/service.py":   "from . import audit\n\ndef process(x):\n    return audit.stamp(x)\n",
		"pkg/handlers.py":  "from .service import process\n\ndef handle(x):\n    return process(x)\n",
		"pkg/runner.py":    "import asyncio\n\ndef load():\n    return asyncio.run(main())\n",
		"pkg/layer.py":     "from pkg.runner import load\n\ndef refresh():\n    return load()\n",
		"pkg/unrelated.py": "import os\n\ndef size(p):\n    return os.path.getsize(p)\n",
		"app.py": "import asyncio\nfrom pkg.handlers import handle\nfrom pkg.layer import refresh\nfrom pkg import unrelated\n\n" +
			"async def main():\n    refresh()\n    await asyncio.get_running_loop().run_in_executor(None, handle, 1)\n",
	})
	for name, want := range map[string]bool{
		"pkg.ctx": true, "pkg.audit": true, "pkg.service": true, "pkg.handlers": true,
		"pkg.runner": true, "pkg.layer": true, "pkg.unrelated": false, "app": true,
	} {
		m := prog.Module(name)
		if m == nil {
			t.Fatalf("no module %s", name)
		}
		if m.Lowered != want {
			t.Errorf("%s: lowered = %v, want %v", name, m.Lowered, want)
		}
	}
}
