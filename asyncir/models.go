package asyncir

import "strings"

// APIModel is what asynclint knows about one external function or method.
// Methods are keyed "module.Class.method".
type APIModel struct {
	Name string
	// Returns describes the call's result: the awaitable kind and, for
	// objects, the external class.
	ReturnsAwait AwaitKind
	ReturnsClass string
	// Unbounded is the class the call returns instead when it is not
	// given a bound (Bound, a positive size): queue.Queue() without
	// maxsize is a queue whose put never waits.
	Unbounded string
	Bound     NonBlockingArg
	// AwaitsClass is the class of what awaiting the result gives
	// (await asyncpg.connect() is an asyncpg Connection).
	AwaitsClass string
	// EntersClass is the class "async with" binds to for the result
	// ("async with aiomysql.connect() as conn" is a Connection too).
	EntersClass string
	// Spawns: the call wraps its first argument in a task the loop only
	// weakly references (create_task, ensure_future).
	Spawns bool
	// PassesFutures: an asyncio future argument is returned as it is, so
	// no task is created for it (ensure_future on a Future).
	PassesFutures bool
	// NeverRaises: a query that cannot raise (loop.is_running(),
	// future.done()), so no exception path starts at it.
	NeverRaises bool
	// QuietEnter: entering the context manager the call returns cannot
	// raise either (a timeout scope made in a task).
	QuietEnter bool
	// Schedules: the call takes over the awaitables passed to it (await,
	// wrap in tasks, or run them), so they are not lost.
	Schedules bool
	// Callback is the position of a callable argument the API calls later
	// and whose result it discards (-1: none); CallbackKeyword names it.
	Callback        int
	CallbackKeyword string
	// CallbackOnLoop: the callback runs on the event loop's thread.
	CallbackOnLoop bool
	// Readies: the loop runs the callback when the file descriptor is
	// ready for this direction ("read" for add_reader, "write" for
	// add_writer).
	Readies string
	// Blocks: the call blocks the calling thread; Replacement is the
	// asynchronous equivalent, if any.
	Blocks      bool
	Replacement string
	// Tier is what a blocking call waits on (TierWaiting when unset on
	// a blocking model: configuration-added calls are assumed to wait).
	Tier BlockTier
	// ReadyWhen is the readiness a socket call waits for ("read":
	// recv, accept; "write": send); once the loop has seen it, one call
	// does not wait.
	ReadyWhen string
	// EmptyTest names the receiver's method that tells whether the call
	// would wait for an item (queue.Queue.get: empty): right after a
	// loop that runs while it returns true, one call finds an item.
	EmptyTest string
	// FreeWhenNew names the class whose new instance the call takes at
	// once (threading.Lock.acquire: threading.Lock): nobody else can
	// hold a lock the function has just made.
	FreeWhenNew string
	// TakesNonBlockingSocket: the first argument is a socket the API
	// requires in non-blocking mode (loop.sock_recv and its kin), so
	// other calls on that socket do not wait either.
	TakesNonBlockingSocket bool
	// Cold: the function blocks only on rare paths (warnings.warn reading
	// source lines through linecache, Thread.start waiting for the new
	// thread to signal); the may-block summary does not follow it when
	// it is part of the linted program.
	Cold bool
	// NonBlocking lists the arguments that turn the wait off
	// (queue.get(block=False), lock.acquire(timeout=0)).
	NonBlocking []NonBlockingArg
	// BlocksOnlyWith names keyword arguments of which one must be passed
	// (and not None) for the call to block: ssl.create_default_context
	// reads a CA bundle only when given cafile, capath or cadata.
	BlocksOnlyWith []string
	// LazyExports names keyword arguments that are tables of the calling
	// module's names to the modules that define them, bound on first
	// access by a module __getattr__ (websockets' lazy_import).
	LazyExports []string
	// RuntimeMember: a method an installed library's class gets at run
	// time, which its code does not state (a class decorator setattr's
	// it). It is known for the class as read from the library, never for
	// a class known only by name (Method leaves it out).
	RuntimeMember bool
	// LoopRemoved is the Python version that removed its loop= parameter.
	LoopRemoved Version
	// Removed is the Python version that removed the API itself, and
	// ReplacedBy the API that does its work since.
	Removed    Version
	ReplacedBy string
	// Takes is the only kind of future the API accepts, in the arguments
	// TakesShape names (NotAwaitable: no constraint).
	Takes      AwaitKind
	TakesShape TakesShape
	// Structured concurrency and cancellation (Go). StartsWork: the
	// method adds work to a wait group; Waits: it waits for all of it.
	StartsWork, Waits bool
	// RootContext: returns a new context nothing cancels.
	RootContext bool
	// CancelledByFunc: returns (context, cancel func) where the context
	// is done only when its parent is or the cancel func is called.
	CancelledByFunc bool
	// DerivesContext: the call's (first) result is a context derived
	// from its context argument (context.WithCancel, WithTimeout, …).
	DerivesContext bool
	// ContextValuesOnly: the call reads only the values its context
	// argument carries (profiler labels, a trace task), never its
	// cancellation or deadline.
	ContextValuesOnly bool
	// CancelledByWait: returns (group, context) where the context is
	// cancelled once the group's Wait returns.
	CancelledByWait bool
	// Timer: the channel it returns only delivers timer ticks.
	Timer bool
	// FeedsChannel: the runtime sends on the channel given as the first
	// argument, from outside the program, until a StopsFeed call on it
	// (signal.Notify); nothing closes it. StopsFeed: the call ends those
	// deliveries (signal.Stop).
	FeedsChannel, StopsFeed bool
	// NeverReturns: the call runs forever (a loop with no exit).
	NeverReturns bool
	// Exits: the call ends its goroutine or the whole process
	// (os.Exit, log.Fatal, t.FailNow), so no path goes on after it.
	Exits bool
	// BlocksWhenSent: the call builds a request that blocks only when a
	// SendsRequest call sends it (http.NewRequest, Client.Do).
	BlocksWhenSent, SendsRequest bool
	// Done: the method marks one unit of a wait group's work finished.
	Done bool
	// Lock is what the method does to its receiver, a mutex.
	Lock LockOp
	// Locks and Unlocks are the mutexes a function of another package
	// takes (and keeps, for its caller to release) or releases, on
	// places its inputs reach: what its package's facts say.
	Locks, Unlocks []InputLock
	// Cond is what the method does to its receiver, a condition variable.
	Cond CondOp
	// FailsTest: the call marks the running test failed (t.Errorf).
	FailsTest bool
	// FailsTestWhenFalse: the call returns false exactly when it marked
	// the running test failed (testify's assert.NoError).
	FailsTestWhenFalse bool
}

// LockOp is what a mutex method does.
type LockOp int

const (
	NoLockOp LockOp = iota
	LockWrite
	LockRead
	UnlockWrite
	UnlockRead
)

// CondOp is what a condition variable method does.
type CondOp int

const (
	NoCondOp CondOp = iota
	CondWait
	CondSignal // Signal or Broadcast
)

// ClassModel is what asynclint knows about one external class.
type ClassModel struct {
	Name  string
	Await AwaitKind // the awaitable kind of its instances
	// AsyncContextOnly: supports "async with" but not "with".
	AsyncContextOnly bool
	// AsyncIterOnly: supports "async for" but not "for".
	AsyncIterOnly bool
	// Bases are the external classes it derives from, for method lookup.
	Bases []string
	// EnterSelf: "with C() as x" binds the instance itself (requests.Session,
	// httpx.Client, sqlite3.Connection).
	EnterSelf bool
	// Protocol: a structural type (typing.BinaryIO) that in-memory
	// objects satisfy too. A parameter annotated with it is taken at its
	// word in that function; an attribute that holds it is not (classes
	// keep a BytesIO or a disk file behind the same annotation).
	Protocol bool
	// AtOnce are the methods whose coroutine finishes without ever
	// suspending (put on an asyncio.Queue that cannot fill).
	AtOnce map[string]bool
}

// FinishesAtOnce reports whether call makes a coroutine that returns
// without suspending: a task running it is done after its first step.
func (m *Models) FinishesAtOnce(call *Op) bool {
	if call == nil || call.Kind != OpCall || call.Recv == nil || call.Method == "" {
		return false
	}
	cm := m.Class(call.Recv.Type().External)
	return cm != nil && call.Recv.Type().Kind == Instance && cm.AtOnce[call.Method]
}

// Models are the API tables the analyzers read.
type Models struct {
	APIs    map[string]*APIModel
	Classes map[string]*ClassModel
	// Aliases map an internal module path to its public name
	// ("asyncio.tasks.sleep" → "asyncio.sleep").
	Aliases map[string]string
	// Families are clients whose methods are generated rather than
	// listed (redis commands, boto3 operations); see BlockingAPI.
	Families []*MethodFamily
}

// API returns the model of a dotted name, following aliases.
func (m *Models) API(name string) *APIModel {
	if m == nil || name == "" {
		return nil
	}
	if a := m.APIs[m.Canonical(name)]; a != nil {
		return a
	}
	return nil
}

// NeverRaises reports whether op calls an API that cannot raise, or
// enters what such a call just returned when its entry cannot raise.
func (m *Models) NeverRaises(op *Op) bool {
	switch op.Kind {
	case OpCall:
		a := m.API(op.External)
		return a != nil && a.NeverRaises
	case OpWith:
		if op.Operand == nil || op.Operand.Def == nil || op.Operand.Def.Kind != OpCall {
			return false
		}
		a := m.API(op.Operand.Def.External)
		return a != nil && a.QuietEnter
	}
	return false
}

// Method returns the model of class.method, looking through the class's
// modelled bases.
func (m *Models) Method(class, method string) *APIModel {
	seen := map[string]bool{}
	for todo := []string{m.Canonical(class)}; len(todo) > 0; {
		c := todo[0]
		todo = todo[1:]
		if seen[c] {
			continue
		}
		seen[c] = true
		if a := m.APIs[c+"."+method]; a != nil && !a.RuntimeMember {
			return a
		}
		if cm := m.Classes[c]; cm != nil {
			todo = append(todo, cm.Bases...)
		}
	}
	return nil
}

// Class returns the model of an external class.
func (m *Models) Class(name string) *ClassModel {
	if m == nil {
		return nil
	}
	return m.Classes[m.Canonical(name)]
}

// IsSubclass reports whether external class c is or derives from base.
func (m *Models) IsSubclass(c, base string) bool {
	c, base = m.Canonical(c), m.Canonical(base)
	seen := map[string]bool{}
	for todo := []string{c}; len(todo) > 0; {
		x := todo[0]
		todo = todo[1:]
		if x == base {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		if cm := m.Classes[x]; cm != nil {
			todo = append(todo, cm.Bases...)
		}
	}
	return false
}

// Canonical maps an internal dotted path to its public alias.
func (m *Models) Canonical(name string) string {
	if m == nil {
		return name
	}
	if a, ok := m.Aliases[name]; ok {
		return a
	}
	// asyncio.tasks.sleep → asyncio.sleep: asyncio re-exports its
	// submodules' public names.
	if rest, ok := strings.CutPrefix(name, "asyncio."); ok {
		if _, tail, ok := strings.Cut(rest, "."); ok && asyncioSubmodules[rest[:len(rest)-len(tail)-1]] {
			return "asyncio." + tail
		}
	}
	return name
}

var asyncioSubmodules = map[string]bool{
	"base_events": true, "coroutines": true, "events": true, "exceptions": true,
	"futures": true, "locks": true, "protocols": true, "queues": true,
	"runners": true, "streams": true, "subprocess": true, "taskgroups": true,
	"tasks": true, "timeouts": true, "transports": true, "unix_events": true,
	"windows_events": true, "selector_events": true, "proactor_events": true,
	"threads": true, "base_futures": true, "base_tasks": true, "mixins": true,
}

// Clone returns a copy whose maps may be extended (by configuration)
// without touching the shared defaults.
func (m *Models) Clone() *Models {
	c := &Models{APIs: make(map[string]*APIModel, len(m.APIs)), Classes: make(map[string]*ClassModel, len(m.Classes)), Aliases: make(map[string]string, len(m.Aliases))}
	for k, v := range m.APIs {
		c.APIs[k] = v
	}
	for k, v := range m.Classes {
		c.Classes[k] = v
	}
	for k, v := range m.Aliases {
		c.Aliases[k] = v
	}
	c.Families = append([]*MethodFamily(nil), m.Families...)
	return c
}
