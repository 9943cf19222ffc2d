package pyfront

// Callable type aliases. asyncssh spells its decorator's types through
// module-level aliases:
//
//	_ACMCoro = Callable[..., Awaitable[_ACM]]
//	_ACMWrapperFunc = Callable[..., _ACMWrapper[_ACM]]
//	def async_context_manager(coro: _ACMCoro[_ACM]) -> _ACMWrapperFunc[_ACM]:
//
// An annotation that names such an alias of its own module reads as the
// aliased Callable. The type variable keeps its name on both sides, which
// is how these aliases are written; an alias applied to another type
// variable binds nothing (annotatedDecorator matches the names).

// recordCallableAlias keeps a module-level "name = Callable[...]".
func (b *fnBuilder) recordCallableAlias(name string, right int32) {
	t := b.lw.t
	if k := t.kind(right); k != kSubscript && k != kGenericType {
		return
	}
	cs := t.namedChildren(right)
	if len(cs) == 0 || lastDot(compactDots(t.text(cs[0]))) != "Callable" {
		return
	}
	mi := b.lw.mi
	if mi.callableAliases == nil {
		mi.callableAliases = map[string]*annotation{}
	}
	mi.callableAliases[name] = b.annotation(right)
}

// expandAlias is the Callable an annotation names through an alias of
// its module, or the annotation itself.
func expandAlias(a *annotation) *annotation {
	if a == nil || len(a.names) != 1 || a.scope == nil || a.scope.mod == nil {
		return a
	}
	if alias := a.scope.mod.callableAliases[a.names[0]]; alias != nil {
		return alias
	}
	return a
}
