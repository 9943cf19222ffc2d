package asyncir

// The Python standard library tables: asyncio, concurrent.futures,
// threading, time and the callback-taking APIs. Blocking calls and loop=
// removals are added by their families' tables (models_blocking.go,
// models_loop.go) through the same maps.

const (
	loopClass = "asyncio.AbstractEventLoop"
	taskGroup = "asyncio.TaskGroup"
)

func coro(name string) *APIModel { return &APIModel{Name: name, ReturnsAwait: Coroutine, Callback: -1} }

// takesNonBlockingSocket marks a loop method whose first argument must be
// a socket in non-blocking mode (asyncio checks it in debug mode).
func takesNonBlockingSocket(a *APIModel) *APIModel {
	a.TakesNonBlockingSocket = true
	return a
}

func returning(name, class string, k AwaitKind) *APIModel {
	return &APIModel{Name: name, ReturnsClass: class, ReturnsAwait: k, Callback: -1}
}

func callback(name string, pos int, kw string, onLoop bool) *APIModel {
	return &APIModel{Name: name, Callback: pos, CallbackKeyword: kw, CallbackOnLoop: onLoop}
}

func scheduling(a *APIModel) *APIModel { a.Schedules = true; return a }

func spawning(a *APIModel) *APIModel { a.Spawns, a.Schedules = true, true; return a }

func passingFutures(a *APIModel) *APIModel { a.PassesFutures = true; return a }

// query models a method that only reports state and cannot raise.
func query(name string) *APIModel { return &APIModel{Name: name, NeverRaises: true, Callback: -1} }

// unboundedAsyncioQueue is the class of asyncio.Queue objects built
// without a maxsize (as unboundedQueue is for queue.Queue).
const unboundedAsyncioQueue = "asyncio.Queue[unbounded]"

// timeoutScope is a factory of a timeout context manager: neither making
// it nor entering it in a task raises.
func timeoutScope(name string) *APIModel {
	return &APIModel{Name: name, NeverRaises: true, QuietEnter: true, Callback: -1}
}

func readying(a *APIModel, direction string) *APIModel { a.Readies = direction; return a }

// PythonModels returns a fresh copy of the standard tables.
func PythonModels() *Models {
	m := &Models{APIs: map[string]*APIModel{}, Classes: map[string]*ClassModel{}, Aliases: map[string]string{}}
	add := func(as ...*APIModel) {
		for _, a := range as {
			m.APIs[a.Name] = a
		}
	}
	add(
		// Coroutine functions of asyncio.
		coro("asyncio.sleep"),
		scheduling(coro("asyncio.wait_for")),
		scheduling(coro("asyncio.wait")),
		coro("asyncio.open_connection"), coro("asyncio.start_server"),
		coro("asyncio.open_unix_connection"), coro("asyncio.start_unix_server"),
		coro("asyncio.create_subprocess_exec"), coro("asyncio.create_subprocess_shell"),
		coro("asyncio.to_thread"), coro("asyncio.staggered.staggered_race"),
		coro("asyncio.Queue.get"), coro("asyncio.Queue.put"), coro("asyncio.Queue.join"),
		coro("asyncio.Lock.acquire"), coro("asyncio.Semaphore.acquire"),
		coro("asyncio.Event.wait"), coro("asyncio.Condition.wait"),
		coro("asyncio.Condition.wait_for"), coro("asyncio.Condition.acquire"),
		coro("asyncio.Barrier.wait"),
		coro("asyncio.StreamReader.read"), coro("asyncio.StreamReader.readline"),
		coro("asyncio.StreamReader.readexactly"), coro("asyncio.StreamReader.readuntil"),
		coro("asyncio.StreamWriter.drain"), coro("asyncio.StreamWriter.wait_closed"),
		coro("asyncio.StreamWriter.start_tls"),
		coro("asyncio.subprocess.Process.wait"), coro("asyncio.subprocess.Process.communicate"),
		takesNonBlockingSocket(coro(loopClass+".sock_recv")), takesNonBlockingSocket(coro(loopClass+".sock_sendall")),
		takesNonBlockingSocket(coro(loopClass+".sock_connect")), takesNonBlockingSocket(coro(loopClass+".sock_accept")),
		coro(loopClass+".create_connection"), coro(loopClass+".create_server"),
		coro(loopClass+".create_datagram_endpoint"), coro(loopClass+".getaddrinfo"),
		coro(loopClass+".shutdown_asyncgens"), coro(loopClass+".shutdown_default_executor"),
		coro(loopClass+".subprocess_exec"), coro(loopClass+".subprocess_shell"),
		coro(loopClass+".connect_read_pipe"), coro(loopClass+".connect_write_pipe"),
		coro(loopClass+".sendfile"), coro(loopClass+".start_tls"),

		// Futures and tasks.
		spawning(returning("asyncio.create_task", "asyncio.Task", AsyncioFuture)),
		passingFutures(spawning(returning("asyncio.ensure_future", "asyncio.Future", AsyncioFuture))),
		spawning(returning(loopClass+".create_task", "asyncio.Task", AsyncioFuture)),
		scheduling(returning(taskGroup+".create_task", "asyncio.Task", AsyncioFuture)),
		scheduling(returning("asyncio.gather", "asyncio.Future", AsyncioFuture)),
		scheduling(returning("asyncio.shield", "asyncio.Future", AsyncioFuture)),
		scheduling(returning("asyncio.as_completed", "", NotAwaitable)),
		scheduling(returning("asyncio.run", "", NotAwaitable)),
		scheduling(returning(loopClass+".run_until_complete", "", NotAwaitable)),
		scheduling(returning("asyncio.run_coroutine_threadsafe", "concurrent.futures.Future", ConcurrentFuture)),
		scheduling(returning("asyncio.Runner.run", "", NotAwaitable)),
		returning("asyncio.wrap_future", "asyncio.Future", AsyncioFuture),
		returning(loopClass+".create_future", "asyncio.Future", AsyncioFuture),
		returning(loopClass+".run_in_executor", "asyncio.Future", AsyncioFuture),
		returning("asyncio.Future", "asyncio.Future", AsyncioFuture),
		spawning(returning("asyncio.Task", "asyncio.Task", AsyncioFuture)),
		returning("asyncio.get_running_loop", loopClass, NotAwaitable),
		returning("asyncio.get_event_loop", loopClass, NotAwaitable),
		returning("asyncio.new_event_loop", loopClass, NotAwaitable),
		returning("asyncio.events.get_running_loop", loopClass, NotAwaitable),
		returning("asyncio.Future.get_loop", loopClass, NotAwaitable),
		returning("concurrent.futures.Executor.submit", "concurrent.futures.Future", ConcurrentFuture),
		returning("concurrent.futures.Future", "concurrent.futures.Future", ConcurrentFuture),

		// State queries: no exception path starts at them.
		query(loopClass+".is_running"), query(loopClass+".is_closed"), query(loopClass+".get_debug"),
		query(loopClass+".time"), query("asyncio.Future.done"), query("asyncio.Future.cancelled"),
		// A timeout scope only reads the running loop's clock when it is
		// made and entered (bleak makes one between storing a coroutine
		// and awaiting it).
		timeoutScope("asyncio.timeout"), timeoutScope("asyncio.timeout_at"),

		// Callback-taking APIs whose callback's result is thrown away.
		callback(loopClass+".call_soon", 0, "", true),
		callback(loopClass+".call_soon_threadsafe", 0, "", true),
		callback(loopClass+".call_later", 1, "", true),
		callback(loopClass+".call_at", 1, "", true),
		readying(callback(loopClass+".add_reader", 1, "", true), "read"),
		readying(callback(loopClass+".add_writer", 1, "", true), "write"),
		callback(loopClass+".add_signal_handler", 1, "", true),
		callback("asyncio.Future.add_done_callback", 0, "", true),
		callback("concurrent.futures.Future.add_done_callback", 0, "", false),
		callback("threading.Thread", 1, "target", false),
		callback("threading.Timer", 1, "function", false),
		callback("atexit.register", 0, "", false),
		callback("signal.signal", 1, "handler", false),
	)
	// Constructors of classes asynclint tracks.
	for _, c := range []struct {
		name  string
		await AwaitKind
	}{
		{"asyncio.Lock", NotAwaitable}, {"asyncio.Semaphore", NotAwaitable},
		{"asyncio.BoundedSemaphore", NotAwaitable}, {"asyncio.Condition", NotAwaitable},
		{"asyncio.Event", NotAwaitable}, {"asyncio.Queue", NotAwaitable},
		{"asyncio.PriorityQueue", NotAwaitable}, {"asyncio.LifoQueue", NotAwaitable},
		{"asyncio.TaskGroup", NotAwaitable}, {"asyncio.Barrier", NotAwaitable},
		{"asyncio.Runner", NotAwaitable}, {"asyncio.Timeout", NotAwaitable},
		{"concurrent.futures.ThreadPoolExecutor", NotAwaitable},
		{"concurrent.futures.ProcessPoolExecutor", NotAwaitable},
		{"threading.Lock", NotAwaitable}, {"threading.RLock", NotAwaitable},
		{"threading.Event", NotAwaitable}, {"threading.Thread", NotAwaitable},
		{"threading.Semaphore", NotAwaitable}, {"threading.Condition", NotAwaitable},
		{"contextvars.ContextVar", NotAwaitable},
	} {
		if m.APIs[c.name] == nil {
			add(returning(c.name, c.name, c.await))
		} else {
			m.APIs[c.name].ReturnsClass = c.name
		}
	}
	// An asyncio.Queue built without a maxsize never fills, so its put
	// never suspends.
	m.APIs["asyncio.Queue"].Unbounded = unboundedAsyncioQueue
	m.APIs["asyncio.Queue"].Bound = NonBlockingArg{Pos: 0, Keyword: "maxsize"}
	for _, c := range []*ClassModel{
		{Name: unboundedAsyncioQueue, Bases: []string{"asyncio.Queue"}, AtOnce: map[string]bool{"put": true}},
		{Name: "asyncio.Future", Await: AsyncioFuture},
		{Name: "asyncio.Task", Await: AsyncioFuture, Bases: []string{"asyncio.Future"}},
		{Name: "concurrent.futures.Future", Await: ConcurrentFuture},
		{Name: "asyncio.Lock", AsyncContextOnly: true},
		{Name: "asyncio.Semaphore", AsyncContextOnly: true},
		{Name: "asyncio.BoundedSemaphore", AsyncContextOnly: true, Bases: []string{"asyncio.Semaphore"}},
		{Name: "asyncio.Condition", AsyncContextOnly: true},
		{Name: "asyncio.TaskGroup", AsyncContextOnly: true},
		{Name: "asyncio.Timeout", AsyncContextOnly: true},
		{Name: "asyncio.StreamReader", AsyncIterOnly: true},
		{Name: "asyncio.BaseEventLoop", Bases: []string{loopClass}},
		{Name: "asyncio.SelectorEventLoop", Bases: []string{"asyncio.BaseEventLoop"}},
		{Name: "asyncio.ProactorEventLoop", Bases: []string{"asyncio.BaseEventLoop"}},
		{Name: "asyncio.PriorityQueue", Bases: []string{"asyncio.Queue"}},
		{Name: "asyncio.LifoQueue", Bases: []string{"asyncio.Queue"}},
		{Name: "concurrent.futures.ThreadPoolExecutor", Bases: []string{"concurrent.futures.Executor"}},
		{Name: "concurrent.futures.ProcessPoolExecutor", Bases: []string{"concurrent.futures.Executor"}},
		{Name: loopClass},
	} {
		m.Classes[c.Name] = c
	}
	addBlocking(m)
	addFiles(m)
	addLibraryFacts(m)
	for k, v := range map[string]string{
		"concurrent.futures._base.Future":              "concurrent.futures.Future",
		"concurrent.futures._base.Executor":            "concurrent.futures.Executor",
		"concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
		"asyncio.base_events.BaseEventLoop":            "asyncio.BaseEventLoop",
		"_asyncio.Future":                              "asyncio.Future",
		"_asyncio.Task":                                "asyncio.Task",
		// The backport a version test imports before 3.11.
		"async_timeout.timeout":    "asyncio.timeout",
		"async_timeout.timeout_at": "asyncio.timeout_at",
	} {
		m.Aliases[k] = v
	}
	addLoopModels(m)
	addFutureModels(m)
	return m
}

// signatureDecorators hand a call's arguments to the decorated function
// unchanged, so a call of the decorated function binds its parameters as
// written.
var signatureDecorators = map[string]bool{
	"builtins.staticmethod": true, "builtins.classmethod": true, "builtins.property": true,
	"abc.abstractmethod": true, "typing.override": true, "typing_extensions.override": true,
	"typing.final": true, "typing_extensions.final": true, "typing.no_type_check": true,
	"functools.cached_property": true, "functools.lru_cache": true, "functools.cache": true,
	"functools.wraps": true,
}

// KeepsSignature reports whether the decorator named (as in
// Func.Decorators) passes the call's arguments through unchanged.
func KeepsSignature(decorator string) bool { return signatureDecorators[decorator] }
