package asyncir

// The loop and legacy-coroutine tables of the looppassing family: which
// asyncio APIs lost their loop= parameter and in which Python version
// (passing it raises TypeError from then on), which APIs start or return
// an event loop, and which legacy APIs were removed outright.
//
// APIs that still accept loop= (run_coroutine_threadsafe, ensure_future,
// wrap_future, Future, Task, StreamReader, all_tasks, current_task) are
// deliberately absent from loopRemoved.

// loopRemoved lists the APIs whose loop= parameter was deprecated in 3.8
// and removed in 3.10 (bpo-42392); the synchronisation primitives and
// queues raise "As of 3.10, the *loop* parameter was removed".
var loopRemoved = map[string]Version{
	"asyncio.sleep": 310, "asyncio.gather": 310, "asyncio.shield": 310,
	"asyncio.wait_for": 310, "asyncio.wait": 310, "asyncio.as_completed": 310,
	"asyncio.Queue": 310, "asyncio.PriorityQueue": 310, "asyncio.LifoQueue": 310,
	"asyncio.Lock": 310, "asyncio.Event": 310, "asyncio.Condition": 310,
	"asyncio.Semaphore": 310, "asyncio.BoundedSemaphore": 310,
	"asyncio.open_connection": 310, "asyncio.start_server": 310,
	"asyncio.open_unix_connection": 310, "asyncio.start_unix_server": 310,
	"asyncio.create_subprocess_exec": 310, "asyncio.create_subprocess_shell": 310,
}

// legacyRemoved lists legacy coroutine machinery and the version that
// removed it.
var legacyRemoved = map[string]Version{
	"asyncio.coroutine":         311,
	"asyncio.async":             307, // a syntax error once async became a keyword
	"asyncio.Task.current_task": 309,
	"asyncio.Task.all_tasks":    309,
}

// legacyReplacedBy names the API that replaces a removed one. Code that
// tries the legacy API and, in the handler of its AttributeError, calls
// the replacement is version-portable (autobahn.asyncio.component).
var legacyReplacedBy = map[string]string{
	"asyncio.async":             "asyncio.ensure_future",
	"asyncio.Task.current_task": "asyncio.current_task",
	"asyncio.Task.all_tasks":    "asyncio.all_tasks",
}

// featureAdded lists the asyncio APIs whose presence code tests to tell
// versions apart ("if hasattr(asyncio, 'all_tasks'): ... else:
// asyncio.Task.all_tasks()"), and the version that added them.
var featureAdded = map[string]Version{
	"asyncio.all_tasks": 307, "asyncio.current_task": 307, "asyncio.get_running_loop": 307,
	"asyncio.create_task": 307, "asyncio.run": 307, "asyncio.to_thread": 309,
	"asyncio.timeout": 311, "asyncio.TaskGroup": 311, "asyncio.Runner": 311,
}

// FeatureAdded is the version that added the API name, or 0 when a test of
// its presence says nothing of the version.
func FeatureAdded(name string) Version { return featureAdded[name] }

// addLoopModels extends m with the loop tables; it runs after the
// constructors are registered so it annotates their entries.
func addLoopModels(m *Models) {
	for name, v := range loopRemoved {
		a := m.APIs[name]
		if a == nil {
			a = &APIModel{Name: name, Callback: -1}
			m.APIs[name] = a
		}
		a.LoopRemoved = v
	}
	for name, v := range legacyRemoved {
		m.APIs[name] = &APIModel{Name: name, Callback: -1, Removed: v, ReplacedBy: legacyReplacedBy[name]}
	}
	for _, a := range []*APIModel{
		// Starting a loop (AL304): run_until_complete and Runner.run are
		// in the main table because they schedule their argument.
		{Name: loopClass + ".run_forever", Callback: -1},
		// Where loops come from (AL302, AL303).
		returning("asyncio.get_event_loop_policy", "asyncio.AbstractEventLoopPolicy", NotAwaitable),
		returning("asyncio.AbstractEventLoopPolicy.get_event_loop", loopClass, NotAwaitable),
		returning("asyncio.AbstractEventLoopPolicy.new_event_loop", loopClass, NotAwaitable),
		// The fix of AL305 copies the caller's context.
		returning("contextvars.copy_context", "contextvars.Context", NotAwaitable),
	} {
		if m.APIs[a.Name] == nil {
			m.APIs[a.Name] = a
		}
	}
	if m.Classes["asyncio.AbstractEventLoopPolicy"] == nil {
		m.Classes["asyncio.AbstractEventLoopPolicy"] = &ClassModel{Name: "asyncio.AbstractEventLoopPolicy"}
	}
}
