package pyfront

import (
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// Lazy exports (PEP 562). A package may bind its public names through a
// module __getattr__ fed by a table, as websockets does:
//
//	lazy_import(globals(), aliases={"connect": ".legacy.client", ...})
//
// No import statement names connect, so "websockets.connect" resolved to
// nothing, and every connection a project opened was unknown. The
// lowering records each module-level call's keyword arguments that are
// tables of string names to module names; a model (APIModel.LazyExports)
// says which callee's tables bind names, and each entry then binds its
// name as "from module import name" would.

// lazyTable is one such keyword argument: name → absolute module.
type lazyTable struct {
	call    *asyncir.Value // the call's result (its callee, for dottedOf)
	keyword string
	names   map[string]string
}

// recordLazyTables records the keyword arguments of the module-level
// call n (result v) that are dict displays of string names to module
// strings, relative ones resolved against the module's package.
func (b *fnBuilder) recordLazyTables(n int32, v *asyncir.Value) {
	t := b.lw.t
	args := t.field(n, fArguments)
	if args < 0 || t.kind(args) == kGenExpr {
		return
	}
	for _, a := range t.namedChildren(args) {
		if t.kind(a) != kKeywordArgument || t.kind(t.field(a, fValue)) != kDictionary {
			continue
		}
		names := map[string]string{}
		for _, p := range t.namedChildren(t.field(a, fValue)) {
			kv := t.namedChildren(p)
			if t.kind(p) != kPair || len(kv) != 2 || t.kind(kv[0]) != kString || t.kind(kv[1]) != kString {
				continue
			}
			name, mod := stringName(t.text(kv[0])), stringName(t.text(kv[1]))
			if isIdentifier(name) && mod != "" {
				if mod = resolveRelative(mod, b.lw.mi.pkg); mod != "" {
					names[name] = mod
				}
			}
		}
		if len(names) > 0 {
			b.lw.mi.lazyTables = append(b.lw.mi.lazyTables, lazyTable{call: v, keyword: t.text(t.field(a, fName)), names: names})
		}
	}
}

// stringName is the dotted name a plain string literal holds ("" for
// anything else: prefixes, escapes, other text).
func stringName(lit string) string {
	if len(lit) < 2 || lit[0] != lit[len(lit)-1] || lit[0] != '"' && lit[0] != '\'' {
		return ""
	}
	s := lit[1 : len(lit)-1]
	for _, part := range strings.Split(strings.TrimLeft(s, "."), ".") {
		if !isIdentifier(part) {
			return ""
		}
	}
	return s
}

// bindLazyExports binds the names of mi's tables whose call a model says
// exports them lazily; a name the module binds itself stays its own.
func (mi *moduleInfo) bindLazyExports(models *asyncir.Models) {
	for _, lt := range mi.lazyTables {
		api := models.API(dottedOf(mi, lt.call))
		if api == nil || !slices.Contains(api.LazyExports, lt.keyword) {
			continue
		}
		for name, mod := range lt.names {
			if mi.globals[name] == nil {
				mi.global(name).module = joinDotted(mod, name)
			}
		}
	}
	mi.lazyTables = nil
}
