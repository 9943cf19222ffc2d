package pyfront

import (
	"strconv"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// versionTest reads an if condition that tests the Python version:
// sys.version_info (or version_info, or sys.version_info[:2]) compared
// with a literal tuple, negated with not, or several joined with and;
// ok is false for any other condition. Against a two-element tuple, >
// means >= and <= means < (version_info (3, 7, 0, ...) > (3, 7)).
func (b *fnBuilder) versionTest(n int32) (asyncir.Versions, bool) {
	t := b.lw.t
	switch t.kind(n) {
	case kIdentifier:
		name := t.text(n)
		if !b.fi.isModule && (b.fi.isParam(name) || len(b.fi.stores.get(name)) > 0) {
			return asyncir.Versions{}, false // a local of the same name
		}
		r, ok := b.lw.versionNames[name]
		return r, ok
	case kParenthesized:
		if cs := t.namedChildren(n); len(cs) == 1 {
			return b.versionTest(cs[0])
		}
	case kNotOp:
		if cs := t.namedChildren(n); len(cs) == 1 {
			if r, ok := b.versionTest(cs[0]); ok {
				return r.Complement()
			}
		}
	case kBooleanOp:
		cs := t.namedChildren(n)
		if len(cs) != 2 || !strings.Contains(t.text(n)[t.nodes[cs[0]].end-t.nodes[n].start:t.nodes[cs[1]].start-t.nodes[n].start], "and") {
			return asyncir.Versions{}, false
		}
		l, okl := b.versionTest(cs[0])
		r, okr := b.versionTest(cs[1])
		return l.Intersect(r), okl && okr
	case kCall:
		return b.featureTest(n)
	case kComparison:
		var operands []int32
		op := ""
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if t.nodes[c].named {
				operands = append(operands, c)
			} else if op == "" {
				op = t.text(c)
			}
		}
		if len(operands) != 2 || !isVersionInfo(compactDots(t.text(operands[0]))) {
			return asyncir.Versions{}, false
		}
		v, ok := versionTuple(t, operands[1])
		if !ok {
			return asyncir.Versions{}, false
		}
		switch op {
		case ">=", ">":
			return asyncir.Versions{Min: v}, true
		case "<", "<=":
			return asyncir.Versions{Max: v}, true
		}
	}
	return asyncir.Versions{}, false
}

// recordVersionName remembers a module-level name bound to a version
// test, so that `if not PY_38:` reads as the test itself; a name bound
// to anything else is forgotten.
func (b *fnBuilder) recordVersionName(name string, value int32) {
	r, ok := b.versionTest(value)
	if !ok {
		delete(b.lw.versionNames, name)
		return
	}
	if b.lw.versionNames == nil {
		b.lw.versionNames = map[string]asyncir.Versions{}
	}
	b.lw.versionNames[name] = r
}

func isVersionInfo(s string) bool {
	s = strings.TrimSuffix(strings.ReplaceAll(s, " ", ""), "[:2]")
	return s == "sys.version_info" || s == "version_info"
}

// versionTuple reads a literal (3, 7) or (3, 7, 1) as version 307.
func versionTuple(t *tree, n int32) (asyncir.Version, bool) {
	if t.kind(n) != kTuple {
		return 0, false
	}
	cs := t.namedChildren(n)
	if len(cs) < 2 || t.kind(cs[0]) != kInteger || t.kind(cs[1]) != kInteger {
		return 0, false
	}
	major, err1 := strconv.Atoi(t.text(cs[0]))
	minor, err2 := strconv.Atoi(t.text(cs[1]))
	if err1 != nil || err2 != nil || minor > 99 {
		return 0, false
	}
	return asyncir.Version(major*100 + minor), true
}

// featureTest reads `hasattr(asyncio, "all_tasks")`, a module-level
// import tested for an API a known version added, as that version test.
func (b *fnBuilder) featureTest(n int32) (asyncir.Versions, bool) {
	t := b.lw.t
	fn, args := t.field(n, fFunction), t.field(n, fArguments)
	if fn < 0 || args < 0 || t.kind(fn) != kIdentifier || t.text(fn) != "hasattr" || t.kind(args) != kArgumentList {
		return asyncir.Versions{}, false
	}
	as := t.namedChildren(args)
	if len(as) != 2 || t.kind(as[0]) != kIdentifier {
		return asyncir.Versions{}, false
	}
	name := stringName(t.text(as[1]))
	g := b.lw.mi.globals[t.text(as[0])]
	if name == "" || strings.Contains(name, ".") || g == nil || g.module == "" || g.conflict || len(g.values) > 0 {
		return asyncir.Versions{}, false
	}
	if !b.fi.isModule && (b.fi.isParam(t.text(as[0])) || len(b.fi.stores.get(t.text(as[0]))) > 0) {
		return asyncir.Versions{}, false // a local of the same name
	}
	if v := asyncir.FeatureAdded(g.module + "." + name); v != 0 {
		return asyncir.Versions{Min: v}, true
	}
	return asyncir.Versions{}, false
}
