package asyncir

// AwaitKind is the kind of awaitable (or thread-side future) a value is.
type AwaitKind uint8

const (
	NotAwaitable     AwaitKind = iota
	Coroutine                  // a coroutine object
	AsyncioFuture              // asyncio.Future / Task
	ConcurrentFuture           // concurrent.futures.Future
	AsyncIterator              // an async generator object
	Channel                    // Go channel
	WaitGroup                  // Go sync.WaitGroup / errgroup.Group
	Context                    // a cancellation context (Go context.Context)
	Mutex                      // Go sync.Mutex / RWMutex
	Cond                       // Go sync.Cond
)

var awaitNames = [...]string{"", "coroutine", "asyncio future", "concurrent.futures future", "async generator", "channel", "wait group", "context", "mutex", "condition variable"}

func (k AwaitKind) String() string { return awaitNames[k] }

// TypeKind says what a Type describes.
type TypeKind uint8

const (
	Unknown   TypeKind = iota
	Instance           // an object of Class or of the External class
	FuncObj            // a function object: Func or External API
	ClassObj           // a class object: Class or External class
	ModuleObj          // a module: External names it
)

// Type is what the frontend knows about a value, without guessing.
type Type struct {
	Kind     TypeKind
	Await    AwaitKind
	Class    *Class
	Func     *Func
	External string // dotted name of an external class, function or module
	// Origin is the function whose call produced a coroutine or task,
	// when known (for messages).
	Origin *Func
	// OriginName is the qualified name of the callee that produced an
	// awaitable, for external callees.
	OriginName string
	// Elem is the element type of a homogeneous container.
	Elem *Type
	// Result is what awaiting an awaitable gives, when known (a coroutine
	// function's return annotation, a modelled factory's class).
	Result *Type
	// Arg is the single type argument of an instance of a generic class
	// (-> _ContextManager[Connection]): what its type variable stands
	// for in this value.
	Arg *Type
}

// IsKnown reports whether anything is known.
func (t Type) IsKnown() bool { return t.Kind != Unknown }

// Same reports whether two types describe the same thing.
func (t Type) Same(o Type) bool {
	return t.Kind == o.Kind && t.Class == o.Class && t.Func == o.Func && t.External == o.External && t.Await == o.Await
}

// IsExternal reports whether t is an instance of the external class name.
func (t Type) IsExternal(name string) bool { return t.Kind == Instance && t.External == name }

// Name is the qualified name of what t describes, for messages.
func (t Type) Name() string {
	switch {
	case t.Func != nil:
		return t.Func.QualName
	case t.Class != nil:
		return t.Class.QualName
	}
	return t.External
}
