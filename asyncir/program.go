package asyncir

import "sync"

// Program is everything one run analyses.
type Program struct {
	Modules []*Module
	Models  *Models
	// Library are the installed modules the program's names reach
	// (library.go in pyfront): summaries may follow calls into them;
	// nothing in them is analysed or reported.
	Library []*Module

	byName      map[string]*Module
	summaryOnce sync.Once
	summaries   *Summaries
}

// NewProgram indexes modules by name.
func NewProgram(mods []*Module, models *Models) *Program {
	p := &Program{Modules: mods, Models: models, byName: make(map[string]*Module, len(mods))}
	for _, m := range mods {
		if m.Name != "" {
			p.byName[m.Name] = m
		}
	}
	return p
}

// Module returns the module with the dotted name, or nil.
func (p *Program) Module(name string) *Module { return p.byName[name] }

// Module is one source file (Python) or package (Go).
type Module struct {
	Name string // dotted module name or Go package path
	Path string // file path as shown to the user
	Lang Language
	// Body is the module's top-level code as a function named "<module>".
	Body *Func
	// Funcs lists every function of the module, Body first, nested ones
	// after their parent.
	Funcs   []*Func
	Classes []*Class
	Imports []Import
	// Lowered is false when the frontend's fast path saw no async construct
	// and kept only the imports.
	Lowered      bool
	HasAsync     bool
	SyntaxErrors []Range
	Suppressions []Suppression
	// Generated holds the files of the module that say they are
	// generated ("// Code generated ... DO NOT EDIT."): what they do is
	// fixed in their generator.
	Generated map[string]bool
	// ImportInsert is where a fix inserts a new import statement.
	ImportInsert Pos
	// Lines holds the byte offset of each line start, for fixes that need
	// a line's indentation.
	LineStarts []int
	// Indents holds each line's leading whitespace, for fixes.
	Indents []string
	// Encoding is the source encoding a PEP 263 line declared when the
	// file was decoded from it: positions are in the decoded UTF-8 text,
	// not the file's bytes, so no fix is offered for the module.
	Encoding string
}

// Import is one imported name.
type Import struct {
	Module string // absolute dotted module name
	Name   string // imported name for "from m import name"; empty otherwise
	Alias  string // bound name
	Range  Range
}

// Suppression is an inline "# noqa: AL101" or "# asynclint: ignore[AL101]".
type Suppression struct {
	Line  int
	Codes []string // empty for a bare "# noqa"
	Range Range
	Bare  bool
	// Malformed says what is wrong with a comment that starts like an
	// asynclint directive but does not parse ("# asynclint: ignore AL101");
	// it suppresses nothing.
	Malformed string
}

// Class is a class definition.
type Class struct {
	Name, QualName string
	Module         *Module
	Range          Range
	Bases          []*Class // bases defined in the program
	ExternalBases  []string // dotted names of bases defined elsewhere
	UnknownBases   bool     // some base could not be resolved at all
	Methods        map[string]*Func
	// Attrs are instance or class attribute types that every assignment
	// agrees on.
	Attrs map[string]Type
}

// LookupMethod finds name in c or its program bases, in method
// resolution order (see Ancestry).
func (c *Class) LookupMethod(name string) *Func {
	for _, k := range c.Ancestry() {
		if f := k.Methods[name]; f != nil {
			return f
		}
	}
	return nil
}

// LookupAttr finds an attribute type in c or its bases.
func (c *Class) LookupAttr(name string) (Type, bool) {
	for _, k := range c.Ancestry() {
		if t, ok := k.Attrs[name]; ok {
			return t, true
		}
	}
	return Type{}, false
}

// FullyKnown reports whether every base of c and its ancestors is known,
// either in the program or as an external name.
func (c *Class) FullyKnown() bool {
	for _, k := range c.Ancestry() {
		if k.UnknownBases {
			return false
		}
	}
	return true
}

// ExternalAncestors lists the external bases of c and its ancestors.
func (c *Class) ExternalAncestors() []string {
	var out []string
	for _, k := range c.Ancestry() {
		out = append(out, k.ExternalBases...)
	}
	return out
}

// FuncKind is what kind of function a definition is, syntactically.
type FuncKind int

const (
	Sync FuncKind = iota
	CoroutineFunc
	Generator
	AsyncGenerator
	LegacyCoroutine // @asyncio.coroutine / @types.coroutine
)

func (k FuncKind) String() string {
	return [...]string{"function", "coroutine function", "generator", "async generator", "legacy coroutine"}[k]
}

// ParamKind says how a call binds arguments to a parameter.
type ParamKind uint8

const (
	ParamPositional  ParamKind = iota // by position or by keyword
	ParamVarArgs                      // *args
	ParamKeywordOnly                  // after * or *args: by keyword only
	ParamVarKeywords                  // **kwargs
)

// Param is a function parameter.
type Param struct {
	Name  string
	Type  Type // from the annotation, or Unknown
	Range Range
	Kind  ParamKind
	// Default is the default value when it is a literal (spelled as in
	// Value.Const); empty when there is none or it is not a literal.
	Default string
}

// Func is a function, method, lambda or module body.
type Func struct {
	Name, QualName string
	Kind           FuncKind
	Module         *Module
	Class          *Class // for methods
	Parent         *Func  // enclosing function for nested ones
	Range          Range
	NameRange      Range
	Params         []*Param
	// Decorators are the dotted names of the decorators, outermost first;
	// "?" for one that could not be resolved.
	Decorators []string
	Static     bool
	ClassMeth  bool
	Property   bool
	// CallResult is what calling the function returns, after decorators
	// and the returns-awaitable summary; Unknown when a decorator hides it.
	CallResult Type
	// Captured names are locals read by nested functions.
	Captured map[string]bool
	// Blocks is the control-flow graph; Blocks[0] is the entry.
	Blocks []*Block
	// Body of a Go function or Python def: its position, for fixes that
	// need to insert at its start.
	BodyStart Pos
	// Inputs are the values of the parameters (receiver first) followed by
	// the captured variables, as the body sees them (Go).
	Inputs []*Value
	// HasContext: the function can observe a cancellation context (a
	// context parameter, a captured one, or a request carrying one);
	// ContextName is how the code names it ("ctx", "r.Context()").
	HasContext  bool
	ContextName string
	// FlagSets are the stores of the constant true to a boolean struct
	// field (q.closed = true) the function makes (Go).
	FlagSets []FlagSet
	// ReturnsField, for a getter of a receive-only channel (func (m
	// *manager) SyncCh() <-chan T { return m.syncCh }), is the channel
	// field ("pkg.T.f") it hands back: whoever gets it, in the package or
	// outside, can only receive from it, never send on it or close it
	// (Go).
	ReturnsField string
	// CancelCalls are the calls of a context cancel func held in a
	// struct field (p.cancel()): a stop signal of the field's type.
	CancelCalls []FlagSet
}

// FlagSet is a store of true to a boolean struct field.
type FlagSet struct {
	Field string // "pkg.T.closed", as Tracking.Field
	Range Range
}

// Entry returns the entry block.
func (f *Func) Entry() *Block {
	if len(f.Blocks) == 0 {
		return nil
	}
	return f.Blocks[0]
}

// IsAsync reports whether f's body runs on the event loop as a coroutine.
func (f *Func) IsAsync() bool { return f.Kind == CoroutineFunc || f.Kind == AsyncGenerator }

// Ops calls fn for every op of f in block order.
func (f *Func) Ops(fn func(*Op)) {
	for _, b := range f.Blocks {
		for _, op := range b.Ops {
			fn(op)
		}
	}
}
