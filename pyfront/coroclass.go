package pyfront

import "github.com/asynclint/asynclint/asyncir"

// coroutineClasses are the abstract bases a class derives from to be a
// coroutine itself: an instance wraps one, and dropped, it never runs
// (aiohttp's _RequestContextManager, aiosqlite's Result). A wrapper of
// something else that says it is a Coroutine (aiomysql's cursor() wraps a
// future) is described by a model (models_libraries.go).
var coroutineClasses = map[string]bool{"typing.Coroutine": true, "collections.abc.Coroutine": true}

// derivesCoroutine reports whether a program class derives from Coroutine.
func (l *linker) derivesCoroutine(c *asyncir.Class) bool {
	for _, b := range c.ExternalAncestors() {
		if coroutineClasses[l.models.Canonical(b)] {
			return true
		}
	}
	return false
}

// wrappedCoroutine marks what a synchronous function returns as a
// coroutine it made when it is an instance of a Coroutine class: its
// callers hold a coroutine (session.post(url) returns one) and must
// await it.
func (l *linker) wrappedCoroutine(t asyncir.Type, f *asyncir.Func) asyncir.Type {
	if t.Kind == asyncir.Instance && t.Class != nil && t.Await == asyncir.NotAwaitable && l.derivesCoroutine(t.Class) {
		t.Await, t.Origin = asyncir.Coroutine, f
	}
	return t
}
