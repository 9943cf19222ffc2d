package asyncir

// Tracking is what a frontend knows about a value whose every use it
// followed: unless Escapes, Value.Uses lists all of them, so an analyzer
// may reason about who else can send, receive, close or wait on it. Go's
// frontend tracks channels, wait groups and contexts.
type Tracking struct {
	// Name is the variable that holds the value, for messages.
	Name string
	// Made: the function that holds the value created it (make(chan),
	// a local WaitGroup, errgroup.WithContext's group).
	Made bool
	// Cap is a Made channel's buffer size; -1 when it is not a constant.
	Cap int
	// Escapes: some use is not an op of the IR (stored to memory other
	// than a struct field, converted to an interface, merged with another
	// value). Sending it on a channel or storing it in a field is an op
	// (OpSend's Operand, OpStore with the field in Attr).
	Escapes bool
	// Future: the value is a result channel that a goroutine of the
	// callee blocks to send on until someone receives.
	Future bool
	// Stream: that goroutine sends in a loop, as long as someone receives.
	Stream bool
	// Range is where the value was made.
	Range Range
	// Root and Path say where a sync primitive lives: Path is the field
	// selections (".mu", ".q.cond"; "*" for a pointer load) from Root, a
	// parameter, captured variable or local of the function (nil: the
	// value itself). One place is one Value within a function; a call
	// that binds Root to a callee's input reaches the same primitive.
	Root *Value
	Path string
	// Field is the struct field the primitive is held in, "pkg.T.mu",
	// the same for every value of T: what identifies it across the
	// package's functions.
	Field string
	// NeverDone: a context nothing can cancel — a root context, or one
	// derived from one whose cancel func nothing calls — so its Done
	// channel never closes. CancelLost: the latter (someone meant to
	// cancel it); CancelField is the struct field that holds that cancel
	// func ("" when it is dropped), NeverDoneAt where the context is made.
	NeverDone, CancelLost bool
	CancelField           string
	NeverDoneAt           Range
	// Nil says whether a channel is nil where it is used (an operation
	// on a nil channel outside a select blocks forever).
	Nil Nilness
}

// Nilness says how a channel comes to be nil.
type Nilness int

const (
	NotNil Nilness = iota // made, received, or not known to be nil
	// NilUnassigned: a variable declared and never assigned.
	NilUnassigned
	// NilUnassignedField: an unexported struct field or package variable
	// that no code of the package ever assigns.
	NilUnassignedField
	// NilOnPath: a variable left unassigned on some path, after which
	// every path reaches each of its blocking uses (no later test can
	// tell that path from the others).
	NilOnPath
)

// Bindings returns the inputs of op's callee that v is bound to, as a
// parameter (the receiver counts as the first) or as a captured variable.
func Bindings(op *Op, v *Value) []*Value {
	f := op.Callee
	if f == nil || v == nil {
		return nil
	}
	var out []*Value
	i := 0
	bind := func(a *Value) {
		if a == v && i < len(f.Inputs) {
			out = append(out, f.Inputs[i])
		}
		i++
	}
	if op.Recv != nil {
		bind(op.Recv)
	}
	for _, a := range op.Args {
		bind(a)
	}
	i = len(f.Params)
	for _, c := range op.Captures() {
		bind(c)
	}
	return out
}

// MadeArgs is what op, which binds its callee's inputs (see Bindings),
// knows about the parameters the callee's branches test: one bound to a
// value the caller made (make(chan), a local WaitGroup) is not nil. Nil
// when the callee tests none.
func MadeArgs(op *Op) Binding {
	f := op.Callee
	if f == nil || !HasGuards(f) {
		return nil
	}
	var b Binding
	for i, p := range f.Params {
		if v := Bound(op, i); v != nil && v.Track != nil && v.Track.Made {
			if b == nil {
				b = Binding{}
			}
			b[p.Name] = ArgFact{NotNone: true}
		}
	}
	return b
}

// Start is a function started concurrently: by a go statement, or by a
// call to an API that runs a callback argument in a new goroutine
// (errgroup.Group.Go, sync.WaitGroup.Go).
type Start struct {
	// Site is where it starts: the OpSpawn, or the API call.
	Site *Op
	// Bind is the op whose Callee, Recv, Args and Captures bind the
	// started function's Inputs (see Bindings): the OpSpawn itself, or
	// the OpRef of the closure passed to the API.
	Bind *Op
}

// StartOf returns the start that a use belongs to when the use hands the
// value to a started function (as an argument or a capture).
func StartOf(models *Models, u Use) (Start, bool) {
	op := u.Op
	switch {
	case op.Kind == OpSpawn && op.Callee != nil:
		return Start{Site: op, Bind: op}, true
	case op.Kind == OpRef && op.Callee != nil && op.Result != nil && len(op.Result.Uses) == 1:
		call := op.Result.Uses[0].Op
		if call.Kind != OpCall {
			return Start{}, false
		}
		m := models.API(call.External)
		if m != nil && m.Spawns && m.Callback >= 0 && m.Callback < len(call.Args) && call.Args[m.Callback] == op.Result {
			return Start{Site: call, Bind: op}, true
		}
	}
	return Start{}, false
}
