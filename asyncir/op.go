package asyncir

// OpKind says what an Op does.
type OpKind uint8

const (
	OpCall    OpKind = iota // a call; Result is its value
	OpAwait                 // await Operand (Go: receive from Operand)
	OpStore                 // Var = Operand (local), or Recv.Attr = Operand, or Recv[...] = Operand
	OpLoad                  // Result = Var (a local or global name)
	OpAttr                  // Result = Recv.Attr, not called; a subscript Recv[Args...] has no Attr
	OpReturn                // return Operand (Operand may be nil)
	OpYield                 // yield Operand / yield from Operand
	OpDiscard               // expression statement: Operand's value is thrown away
	OpWith                  // with Operand (Async for async with)
	OpFor                   // for ... in Operand (Async for async for)
	OpRaise                 // raise; ends the path
	OpCompare               // Args[0] <Compare> Args[1]; Result is the boolean
	OpRef                   // Result is a reference to a function or class (no call); for a bound element (for target, unpacking, with ... as) Operand is its container; for a binary operator Args are its operands
	OpSend                  // Go: Recv <- Operand
	OpSpawn                 // Go: go Callee(Args...)
	OpClose                 // Go: close(Operand)
	OpSelect                // Go: select; Args are the channels of its cases
	OpDefer                 // Go: defer Callee(Args...)
	OpDrain                 // Go: a receive loop over Operand saw it closed (range ended, or !ok); on that exit edge only
)

var opNames = [...]string{"call", "await", "store", "load", "attr", "return", "yield", "discard", "with", "for", "raise", "compare", "ref", "send", "spawn", "close", "select", "defer", "drain"}

func (k OpKind) String() string { return opNames[k] }

// Keyword is a keyword argument of a call.
type Keyword struct {
	Name  string
	Value *Value
	Range Range
	// Delete is the span a fix removes to drop the argument with its
	// separating comma.
	Delete Range
}

// Op is one operation in a block.
type Op struct {
	Kind OpKind
	// The flags sit next to Kind so they share its word: a program holds
	// hundreds of thousands of ops.

	// Star is true when the call passes *args or **kwargs.
	Star bool
	// Global is true for an OpLoad/OpStore of a non-local name.
	Global bool
	Async  bool // async with / async for / yield from (for OpYield)
	// ExpectRaise marks ops inside a block that expects an exception
	// (with self.assertRaises(...) / pytest.raises(...)): tests call APIs
	// there precisely to see them fail, so what their results become is moot.
	ExpectRaise bool
	// ExpectWouldBlock marks ops inside a try whose handler catches
	// BlockingIOError (or ssl's SSLWantRead/WriteError): the code is
	// written for a non-blocking socket or file descriptor.
	ExpectWouldBlock bool
	// Default marks an OpSelect with a default case: it never blocks.
	Default bool
	Index   int32 // position in Block.Ops

	Block *Block
	Range Range

	// Calls (and OpRef). Callee is the resolved project function; External
	// the dotted name of an API outside the program ("asyncio.sleep",
	// "asyncio.AbstractEventLoop.call_soon"). Method is the attribute name
	// of a method call, set even when the receiver is unknown.
	Callee   *Func
	External string
	Method   string
	Recv     *Value
	Args     []*Value

	// Loads, stores and attributes.
	Var     string
	Attr    string
	Operand *Value

	Result *Value

	// rare holds what few ops set (Class, Keywords, Compare, Captures,
	// Select, Defs), nil when none is: a program holds hundreds of
	// thousands of ops, most of them loads and references.
	rare *opRare
}

// opRare is the part of an Op that few ops need. Every local load has
// one (its defs), so what only Go's ops set sits apart (opGo): the rare
// part of a Python op is then 80 bytes, not 144.
type opRare struct {
	class    *Class
	keywords []Keyword
	compare  string
	defs     []*Op
	goOnly   *opGo
}

// opGo is the part of an opRare that only Go's ops set.
type opGo struct {
	captures []*Value
	sel      *Op
	guards   []string
	// ownWait: a Cond.Wait whose loop waits for a condition of its own
	// caller's (it tests a parameter of the waiting function).
	ownWait bool
}

// more is op's rare part, made on first write.
func (op *Op) more() *opRare {
	if op.rare == nil {
		op.rare = &opRare{}
	}
	return op.rare
}

// goPart is op's Go-only rare part, nil when none was written.
func (op *Op) goPart() *opGo {
	if op.rare == nil {
		return nil
	}
	return op.rare.goOnly
}

// moreGo is op's Go-only rare part, made on first write.
func (op *Op) moreGo() *opGo {
	r := op.more()
	if r.goOnly == nil {
		r.goOnly = &opGo{}
	}
	return r.goOnly
}

// Class is the class an OpRef refers to, or that a call instantiates.
func (op *Op) Class() *Class {
	if op.rare == nil {
		return nil
	}
	return op.rare.class
}

// SetClass records the class op refers to or instantiates.
func (op *Op) SetClass(c *Class) {
	if c != nil || op.rare != nil {
		op.more().class = c
	}
}

// Keywords are a call's keyword arguments.
func (op *Op) Keywords() []Keyword {
	if op.rare == nil {
		return nil
	}
	return op.rare.keywords
}

// AddKeyword appends a keyword argument to a call.
func (op *Op) AddKeyword(k Keyword) {
	r := op.more()
	r.keywords = append(r.keywords, k)
}

// Compare is an OpCompare's operator: "in", "not in", "is", "is not",
// "==", "!=".
func (op *Op) Compare() string {
	if op.rare == nil {
		return ""
	}
	return op.rare.compare
}

// SetCompare records an OpCompare's operator.
func (op *Op) SetCompare(c string) {
	if c != "" || op.rare != nil {
		op.more().compare = c
	}
}

// Captures are the values a spawned, deferred, called or referenced
// closure captures, bound to the callee's Inputs after its parameters
// (see Bindings).
func (op *Op) Captures() []*Value {
	if g := op.goPart(); g != nil {
		return g.captures
	}
	return nil
}

// Guards lists, for a Go sync.Cond.Wait in a loop, the boolean struct
// fields ("pkg.T.closed") the loop's condition reads: what the waiter
// waits to see change.
func (op *Op) Guards() []string {
	if g := op.goPart(); g != nil {
		return g.guards
	}
	return nil
}

// WaitsForOwn reports, for a Go sync.Cond.Wait in a loop, whether the
// loop's condition tests a parameter of the waiting function (for
// l.inbox[duty] == "" { l.cond.Wait() }): each waiter waits for a
// condition of its own.
func (op *Op) WaitsForOwn() bool { g := op.goPart(); return g != nil && g.ownWait }

// SetWaitsForOwn records that a Cond.Wait's loop tests a parameter.
func (op *Op) SetWaitsForOwn() { op.moreGo().ownWait = true }

// SetGuards records the fields a Cond.Wait's loop condition reads.
func (op *Op) SetGuards(fields []string) {
	if len(fields) > 0 {
		op.moreGo().guards = fields
	}
}

// AddCapture appends a captured value.
func (op *Op) AddCapture(v *Value) {
	g := op.moreGo()
	g.captures = append(g.captures, v)
}

// Select is the OpSelect whose case this OpSend/OpAwait is; such an op
// sits on the edge taken when that case fires.
func (op *Op) Select() *Op {
	if g := op.goPart(); g != nil {
		return g.sel
	}
	return nil
}

// SetSelect records the OpSelect whose case op is.
func (op *Op) SetSelect(s *Op) {
	if s != nil || op.goPart() != nil {
		op.moreGo().sel = s
	}
}

// Defs are the stores that may reach an OpLoad of a local (filled by
// ComputeDefUse).
func (op *Op) Defs() []*Op {
	if op.rare == nil {
		return nil
	}
	return op.rare.defs
}

// SetDefs records the stores that may reach an OpLoad.
func (op *Op) SetDefs(defs []*Op) {
	if defs != nil || op.rare != nil {
		op.more().defs = defs
	}
}

// Func returns the function that contains op.
func (op *Op) Func() *Func { return op.Block.Func }

// Keyword returns the value of the named keyword argument, or nil.
func (op *Op) Keyword(name string) *Value {
	for _, k := range op.Keywords() {
		if k.Name == name {
			return k.Value
		}
	}
	return nil
}

// Arg returns positional argument i, or the keyword name if given, or nil.
func (op *Op) Arg(i int, name string) *Value {
	if i >= 0 && i < len(op.Args) {
		return op.Args[i]
	}
	if name != "" {
		return op.Keyword(name)
	}
	return nil
}

// Block is a basic block.
type Block struct {
	Index int
	Func  *Func
	Ops   []*Op
	Succs []*Block
	Preds []*Block
	Exit  bool // returns normally from the function
	// LoopHead marks the head of a for/while loop: Succs[0] enters the
	// body, the others leave the loop.
	LoopHead bool
	// CountedExit marks a test in a loop's body of a counter the loop
	// steps against a bound (if done == 3 { return }): Succs[0] goes on
	// with the loop, Succs[1] leaves it, as for a LoopHead.
	CountedExit bool
	Raises      bool // ends in raise (an exceptional exit)
	// TestsOwnState: the block's branch reads a struct field its own
	// function assigns (if c.closed { return } … c.closed = true), so it
	// goes the way an earlier call left it: a close-once flag.
	TestsOwnState bool
	// Handler marks an except clause's block (see Catch).
	Handler bool
	// The flags above share a word: a large module has a hundred
	// thousand blocks, and six flags spread out took two more words each.

	// Handlers are the exception handlers (Python except clauses) that an
	// exception raised by one of this block's ops reaches, innermost try
	// first. The frontend ends a block just before every op that can
	// raise inside a try body and gives it an edge to each handler, so a
	// path into a handler carries exactly the ops that ran before the one
	// that raised.
	Handlers []*Block
	// Versions are the Python versions the block can run on, as the
	// sys.version_info tests around it say (Python).
	Versions Versions
	// Guard, when set, is a test of the function's parameters: Succs[0]
	// is taken only when it holds and, unless the block is a LoopHead
	// (whose body runs only when it holds), Succs[1] only when it does
	// not. Further successors (exception edges) are not guarded.
	Guard *Guard
	// Cond, when set, names the flag the block's branch tests, a
	// variable its function never assigns: every test of the same flag
	// in one call goes the same way (if checkSubscriber { wg.Add(1) }
	// … if checkSubscriber { wg.Wait() }).
	Cond *BranchFlag
	// rare holds Catch, FirstTurn and FailedTest, nil when none is set:
	// few blocks are except clauses or test a first-turn flag or a
	// test's failure, and a large module has a hundred thousand blocks.
	rare *blockRare
}

// blockRare is the part of a Block that few blocks need.
type blockRare struct {
	catch      []*Value
	firstTurn  *FirstTurnFlag
	failedTest int
}

// more is b's rare part, made on first write.
func (b *Block) more() *blockRare {
	if b.rare == nil {
		b.rare = &blockRare{}
	}
	return b.rare
}

// Catch holds the values of the exception types an except clause
// (Handler) names (a tuple's elements), none for a bare except.
func (b *Block) Catch() []*Value {
	if b.rare == nil {
		return nil
	}
	return b.rare.catch
}

// SetCatch records the exception types an except clause names.
func (b *Block) SetCatch(vals []*Value) {
	if vals != nil || b.rare != nil {
		b.more().catch = vals
	}
}

// FirstTurn, when set, says the block's branch tests a loop's first-turn
// flag (first := true; for … { if first { first = false; close(ready);
// continue } … }).
func (b *Block) FirstTurn() *FirstTurnFlag {
	if b.rare == nil {
		return nil
	}
	return b.rare.firstTurn
}

// SetFirstTurn records the first-turn flag the block's branch tests.
func (b *Block) SetFirstTurn(ft *FirstTurnFlag) {
	if ft != nil || b.rare != nil {
		b.more().firstTurn = ft
	}
}

// FailedTest is 1 + the index of the successor taken only once the
// running test has failed (if !assert.NoError(t, err) { return }); 0
// when none is.
func (b *Block) FailedTest() int {
	if b.rare == nil {
		return 0
	}
	return b.rare.failedTest
}

// SetFailedTest records 1 + the index of the successor taken only once
// the running test has failed.
func (b *Block) SetFailedTest(succ int) {
	if succ != 0 || b.rare != nil {
		b.more().failedTest = succ
	}
}

// EntersFailedTest reports whether the edge from b to to is taken only
// once the running test has failed.
func (b *Block) EntersFailedTest(to *Block) bool {
	ft := b.FailedTest()
	return ft > 0 && ft <= len(b.Succs) && b.Succs[ft-1] == to
}

// DecidesLoop reports whether b's branch decides whether its loop goes on
// (Succs[0]) or ends: the loop's own condition, or a counted exit in its
// body.
func (b *Block) DecidesLoop() bool {
	return b.LoopHead || b.CountedExit
}

// FirstTurnFlag is a flag a loop carries: it enters the loop at Loop with
// one value and takes the other only when one of the loop's blocks
// Changed runs. Succ (0 or 1) is the successor the changed value takes:
// a path from before the loop takes it only after one of Changed ran.
type FirstTurnFlag struct {
	Loop    *Block
	Changed []*Block
	Succ    int
}

// BranchFlag is the flag a block's branch tests: Succs[0] is taken when
// Key holds (when it does not, with Not).
type BranchFlag struct {
	Key string
	Not bool
}

// UseKind says how a value is consumed.
type UseKind uint8

const (
	UseAwait   UseKind = iota // awaited (Go: received from)
	UseArg                    // passed to a call
	UseRecv                   // a method is called or an attribute read on it
	UseReturn                 // returned
	UseYield                  // yielded
	UseStore                  // bound to a name, attribute, subscript or container
	UseDiscard                // dropped by an expression statement
	UseWith                   // used as a context manager
	UseFor                    // iterated
	UseCompare                // compared
	UseOther                  // anything else (operators, conditions, f-strings...)
)

// Use is one consumer of a value.
type Use struct {
	Kind UseKind
	Op   *Op
}

// Value is the result of an expression.
type Value struct {
	Def *Op // the op that produced it
	// typ is what is known of the value, nil when nothing is: most values
	// are never typed, and a Type is ten words (see Type and SetType).
	typ  *Type
	Uses []Use
	// Track is set by frontends that followed every use of the value
	// (Go channels, wait groups, contexts); see Tracking.
	Track *Tracking
	// rare holds Elems, Const and From, nil when none is set: few values
	// are containers, literal arguments or structs loaded from a field.
	rare *valueRare
	// Num numbers the values of a module from 0, for a frontend's side
	// tables (a slice where a map of a million values would be slow);
	// it fits in what the allocator rounds a Value up to anyway.
	Num int32
}

// valueRare is the part of a Value that few values need.
type valueRare struct {
	elems []*Value
	konst string
	from  *Place
}

// more is v's rare part, made on first write.
func (v *Value) more() *valueRare {
	if v.rare == nil {
		v.rare = &valueRare{}
	}
	return v.rare
}

// Elems holds the values of a list/set/tuple display or comprehension
// element, so containers of coroutines or tasks can be followed.
func (v *Value) Elems() []*Value {
	if v.rare == nil {
		return nil
	}
	return v.rare.elems
}

// SetElems records the values v contains.
func (v *Value) SetElems(elems []*Value) {
	if elems != nil || v.rare != nil {
		v.more().elems = elems
	}
}

// AddElem appends a contained value.
func (v *Value) AddElem(e *Value) {
	r := v.more()
	r.elems = append(r.elems, e)
}

// Const is the source text of a literal call argument ("False", "0",
// "1.5"), so models can tell queue.get(False) from queue.get(flag).
func (v *Value) Const() string {
	if v.rare == nil {
		return ""
	}
	return v.rare.konst
}

// SetConst records the source text of a literal argument.
func (v *Value) SetConst(text string) {
	if text != "" || v.rare != nil {
		v.more().konst = text
	}
}

// From is the place a struct (or a pointer to one) was loaded from,
// when the frontend followed it back to a root: s.batches is
// {s, ".batches*"}. A call that binds it then reaches the callee's
// locks at the place the caller's own s.batches.mu has. Nil otherwise.
func (v *Value) From() *Place {
	if v.rare == nil {
		return nil
	}
	return v.rare.from
}

// SetFrom records where a struct value was loaded from.
func (v *Value) SetFrom(pl Place) {
	v.more().from = &pl
}

// IsNone reports whether v is known to be None.
func (v *Value) IsNone() bool {
	return v != nil && v.Type().IsExternal("builtins.NoneType")
}

// Type is what is known of the value (the zero Type when nothing is).
func (v *Value) Type() Type {
	if v.typ == nil {
		return Type{}
	}
	return *v.typ
}

// SetType records what is known of the value.
func (v *Value) SetType(t Type) {
	if t == (Type{}) {
		v.typ = nil
		return
	}
	v.typ = &t
}

// SetShared records a TypeSet's copy (Share) as what is known of v.
func (v *Value) SetShared(t *Type) { v.typ = t }

// AddUse records a consumer.
func (v *Value) AddUse(k UseKind, op *Op) {
	if v != nil {
		v.Uses = append(v.Uses, Use{k, op})
	}
}

// OnlyUse reports whether every use of v has kind k (and there is one).
func (v *Value) OnlyUse(k UseKind) bool {
	if v == nil || len(v.Uses) == 0 {
		return false
	}
	for _, u := range v.Uses {
		if u.Kind != k {
			return false
		}
	}
	return true
}
