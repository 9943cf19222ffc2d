package pyfront

import (
	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

// kind is the node type of the Go-side tree; only types lowering
// distinguishes get their own kind.
type kind uint8

const (
	kOther kind = iota
	kIdentifier
	kModule
	kBlock
	kComment
	kExpressionStatement
	kAssignment
	kAugAssignment
	kReturn
	kRaise
	kIf
	kElif
	kElse
	kFor
	kWhile
	kTry
	kExcept
	kFinally
	kWith
	kWithClause
	kWithItem
	kAsPattern
	kAsPatternTarget
	kFunctionDef
	kClassDef
	kDecoratedDef
	kDecorator
	kParameters
	kLambdaParameters
	kTypedParameter
	kDefaultParameter
	kTypedDefaultParameter
	kListSplatPattern
	kDictSplatPattern
	kImport
	kImportFrom
	kFutureImport
	kAliasedImport
	kWildcardImport
	kDottedName
	kRelativeImport
	kImportPrefix
	kGlobal
	kNonlocal
	kBreak
	kContinue
	kPass
	kDelete
	kAssert
	kMatch
	kCaseClause
	kCall
	kArgumentList
	kKeywordArgument
	kListSplat
	kDictSplat
	kAttribute
	kSubscript
	kAwait
	kYield
	kList
	kTuple
	kSet
	kDictionary
	kPair
	kListComp
	kSetComp
	kDictComp
	kGenExpr
	kForInClause
	kIfClause
	kParenthesized
	kConditional
	kBooleanOp
	kComparison
	kNotOp
	kBinaryOp
	kUnaryOp
	kNamedExpr
	kLambda
	kString
	kConcatString
	kInterpolation
	kNone
	kExpressionList
	kPatternList
	kTuplePattern
	kListPattern
	kType
	kGenericType
	kTypeAlias
	kError
	kTrue
	kFalse
	kInteger
	kFloat
	kKeywordSeparator
	kPrintStatement
	kExecStatement
	// Anonymous tokens that lowering needs to see.
	kAsync
	kFrom
	kEq
	kColon
	kIn
	kNotIn
	kIs
	kIsNot
	kEqEq
	kNotEq
	kStar
	kDoubleStar
	kDot
)

var kindByName = map[string]kind{
	"identifier": kIdentifier, "module": kModule, "block": kBlock, "comment": kComment,
	"expression_statement": kExpressionStatement, "assignment": kAssignment,
	"augmented_assignment": kAugAssignment, "return_statement": kReturn,
	"raise_statement": kRaise, "if_statement": kIf, "elif_clause": kElif,
	"else_clause": kElse, "for_statement": kFor, "while_statement": kWhile,
	"try_statement": kTry, "except_clause": kExcept, "except_group_clause": kExcept,
	"finally_clause": kFinally, "with_statement": kWith, "with_clause": kWithClause,
	"with_item": kWithItem, "as_pattern": kAsPattern, "as_pattern_target": kAsPatternTarget,
	"function_definition": kFunctionDef, "class_definition": kClassDef,
	"decorated_definition": kDecoratedDef, "decorator": kDecorator,
	"parameters": kParameters, "lambda_parameters": kLambdaParameters,
	"typed_parameter": kTypedParameter, "default_parameter": kDefaultParameter,
	"typed_default_parameter": kTypedDefaultParameter,
	"list_splat_pattern":      kListSplatPattern, "dictionary_splat_pattern": kDictSplatPattern,
	"import_statement": kImport, "import_from_statement": kImportFrom,
	"future_import_statement": kFutureImport, "aliased_import": kAliasedImport,
	"wildcard_import": kWildcardImport, "dotted_name": kDottedName,
	"relative_import": kRelativeImport, "import_prefix": kImportPrefix,
	"global_statement": kGlobal, "nonlocal_statement": kNonlocal,
	"break_statement": kBreak, "continue_statement": kContinue, "pass_statement": kPass,
	"delete_statement": kDelete, "assert_statement": kAssert, "match_statement": kMatch,
	"case_clause": kCaseClause, "call": kCall, "argument_list": kArgumentList,
	"keyword_argument": kKeywordArgument, "list_splat": kListSplat,
	"dictionary_splat": kDictSplat, "attribute": kAttribute, "subscript": kSubscript,
	"await": kAwait, "yield": kYield, "list": kList, "tuple": kTuple, "set": kSet,
	"dictionary": kDictionary, "pair": kPair, "list_comprehension": kListComp,
	"set_comprehension": kSetComp, "dictionary_comprehension": kDictComp,
	"generator_expression": kGenExpr, "for_in_clause": kForInClause, "if_clause": kIfClause,
	"parenthesized_expression": kParenthesized, "conditional_expression": kConditional,
	"boolean_operator": kBooleanOp, "comparison_operator": kComparison,
	"not_operator": kNotOp, "binary_operator": kBinaryOp, "unary_operator": kUnaryOp,
	"named_expression": kNamedExpr, "lambda": kLambda, "string": kString,
	"concatenated_string": kConcatString, "interpolation": kInterpolation, "none": kNone,
	"expression_list": kExpressionList, "pattern_list": kPatternList,
	"tuple_pattern": kTuplePattern, "list_pattern": kListPattern, "type": kType,
	"generic_type": kGenericType, "type_alias_statement": kTypeAlias, "ERROR": kError,
	"true": kTrue, "false": kFalse, "integer": kInteger, "float": kFloat,
	"print_statement": kPrintStatement, "exec_statement": kExecStatement, "keyword_separator": kKeywordSeparator,
	"async": kAsync, "from": kFrom, "=": kEq, ":": kColon, "in": kIn, "not in": kNotIn,
	"is": kIs, "is not": kIsNot, "==": kEqEq, "!=": kNotEq, "*": kStar, "**": kDoubleStar,
	".": kDot,
}

// fieldID numbers the grammar fields lowering asks for.
type fieldID uint8

const (
	fNone fieldID = iota
	fAlias
	fArguments
	fAttribute
	fBody
	fCondition
	fConsequence
	fAlternative
	fDefinition
	fFunction
	fLeft
	fRight
	fModuleName
	fName
	fObject
	fParameters
	fReturnType
	fSuperclasses
	fType
	fValue
	fSubject
	fOperator
	fSubscript
	fExpression
	fOther
)

var fieldByName = map[string]fieldID{
	"alias": fAlias, "arguments": fArguments, "attribute": fAttribute, "body": fBody,
	"condition": fCondition, "consequence": fConsequence, "alternative": fAlternative,
	"definition": fDefinition, "function": fFunction, "left": fLeft, "right": fRight,
	"module_name": fModuleName, "name": fName, "object": fObject,
	"parameters": fParameters, "return_type": fReturnType, "superclasses": fSuperclasses,
	"type": fType, "value": fValue, "subject": fSubject, "operator": fOperator,
	"subscript": fSubscript, "expression": fExpression,
}

// grammar holds the symbol table of the Python language, built once.
type grammar struct {
	lang   *sitter.Language
	kinds  []kind    // by symbol
	named  []bool    // by symbol
	fields []fieldID // by field id
}

func newGrammar() *grammar {
	lang := python.GetLanguage()
	g := &grammar{lang: lang}
	n := lang.SymbolCount()
	g.kinds = make([]kind, n+1)
	g.named = make([]bool, n+1)
	for s := uint32(0); s < n; s++ {
		name := lang.SymbolName(sitter.Symbol(s))
		g.kinds[s] = kindByName[name]
		g.named[s] = lang.SymbolType(sitter.Symbol(s)) == sitter.SymbolTypeRegular
	}
	g.fields = []fieldID{fNone}
	for i := 1; ; i++ {
		name := lang.FieldName(i)
		if name == "" {
			break
		}
		f := fieldByName[name]
		if f == fNone {
			f = fOther
		}
		g.fields = append(g.fields, f)
	}
	return g
}

// node is one syntax node of the Go-side copy of a tree.
type node struct {
	kind        kind
	field       fieldID
	named       bool
	missing     bool
	start, end  uint32 // byte offsets
	row, col    uint32 // start point, 0-based
	erow, ecol  uint32 // end point
	first, next int32  // first child, next sibling; -1 for none
	parent      int32
	symbolIsErr bool
	hasError    bool
}

// tree is a parsed file copied out of tree-sitter.
type tree struct {
	nodes []node
	src   []byte
	// broken: the parse, kept as errorsOnly, has an ERROR or MISSING
	// node.
	broken bool
}

// copyTree walks t with the binding's cursor and copies what lowering
// needs. It is the reference flattenTree is tested against.
func copyTree(g *grammar, root *sitter.Node, src []byte) *tree {
	t := &tree{src: src, nodes: make([]node, 0, len(src)/4+16)}
	c := sitter.NewTreeCursor(root)
	defer c.Close()
	var stack []int32 // index of the last child appended at each depth
	parent := int32(-1)
	for {
		n := c.CurrentNode()
		sym := n.Symbol()
		sp, ep := n.StartPoint(), n.EndPoint()
		nd := node{
			start: n.StartByte(), end: n.EndByte(),
			row: sp.Row, col: sp.Column, erow: ep.Row, ecol: ep.Column,
			first: -1, next: -1, parent: parent,
		}
		if int(sym) < len(g.kinds) {
			nd.kind, nd.named = g.kinds[sym], g.named[sym]
		}
		if sym == 0xFFFF {
			nd.kind, nd.named = kError, true
		}
		if nd.kind == kError {
			nd.symbolIsErr = true
		}
		if n.IsMissing() {
			nd.missing = true
		}
		if fname := c.CurrentFieldName(); fname != "" {
			nd.field = fieldByName[fname]
			if nd.field == fNone {
				nd.field = fOther
			}
		}
		idx := int32(len(t.nodes))
		t.nodes = append(t.nodes, nd)
		if parent >= 0 {
			if last := stack[len(stack)-1]; last < 0 {
				t.nodes[parent].first = idx
			} else {
				t.nodes[last].next = idx
			}
			stack[len(stack)-1] = idx
		}
		if c.GoToFirstChild() {
			stack = append(stack, -1)
			parent = idx
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return t
			}
			stack = stack[:len(stack)-1]
			parent = t.nodes[parent].parent
		}
	}
}

// children calls fn for each child of n.
func (t *tree) children(n int32, fn func(c int32)) {
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		fn(c)
	}
}

// namedChildren returns the named children of n.
func (t *tree) namedChildren(n int32) []int32 {
	var out []int32
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		if t.nodes[c].named && t.nodes[c].kind != kComment {
			out = append(out, c)
		}
	}
	return out
}

// field returns the first child of n with field f, or -1.
func (t *tree) field(n int32, f fieldID) int32 {
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		if t.nodes[c].field == f {
			return c
		}
	}
	return -1
}

// hasChild reports whether n has a direct child of kind k.
func (t *tree) hasChild(n int32, k kind) bool {
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		if t.nodes[c].kind == k {
			return true
		}
	}
	return false
}

func (t *tree) text(n int32) string {
	nd := &t.nodes[n]
	return string(t.src[nd.start:nd.end])
}

func (t *tree) kind(n int32) kind { return t.nodes[n].kind }
