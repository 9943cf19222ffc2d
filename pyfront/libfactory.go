package pyfront

import "github.com/asynclint/asynclint/asyncir"

// Factories of installed libraries that their code does not describe in
// a readable form (asyncir/models_libraries.go): aiomysql.connect returns
// an object that is both awaitable and an async context manager, and
// either way gives a Connection; asyncpg.create_pool returns a Pool that
// must be awaited to be ready. The models name the classes; the classes
// themselves are the library's, read like any other (library.go), so
// their methods are known.

// factoryResult completes what a modelled factory returns: the library's
// own class when it was read, and what awaiting it gives.
func (l *linker) factoryResult(api *asyncir.APIModel, t asyncir.Type) asyncir.Type {
	if api.AwaitsClass == "" && api.EntersClass == "" {
		return t
	}
	if lt := l.instanceOfName(api.ReturnsClass); lt.Class != nil {
		lt.Await, lt.OriginName = t.Await, t.OriginName
		t = lt
	}
	if api.AwaitsClass != "" {
		r := l.instanceOfName(api.AwaitsClass)
		t.Result = &r
	}
	return t
}

// factoryEnter is what "async with" binds for the result of a modelled
// factory that names it.
func (l *linker) factoryEnter(t asyncir.Type) (asyncir.Type, bool) {
	api := l.models.API(t.OriginName)
	if api == nil || api.EntersClass == "" {
		return unknownType, false
	}
	return l.instanceOfName(api.EntersClass), true
}

// methodFact is the model of a library method that its code does not
// describe in a readable form (asyncpg's Pool.acquire hands out a
// connection through a context object), or nil.
func (l *linker) methodFact(m *asyncir.Func) *asyncir.APIModel {
	api := modelledMethod(l.models, m)
	if api == nil || api.ReturnsClass == "" && api.ReturnsAwait == asyncir.NotAwaitable {
		return nil
	}
	return api
}

// awaitFact adds to what a library method returns (t, an awaitable its
// code says it makes) what awaiting it gives, when a model says so and
// the library does not: aiomysql.sa's execute wraps a coroutine whose
// unannotated body makes a ResultProxy.
func (l *linker) awaitFact(m *asyncir.Func, t asyncir.Type) asyncir.Type {
	if t.Await == asyncir.NotAwaitable || t.Result != nil || m.Class == nil {
		return t
	}
	if mi := l.byMod[m.Module]; mi == nil || !mi.library {
		return t
	}
	if api := modelledMethod(l.models, m); api != nil && api.AwaitsClass != "" {
		r := l.instanceOfName(api.AwaitsClass)
		t.Result = &r
	}
	return t
}

// modelledMethod is the model of method m under its dotted name
// (asyncpg.pool.Pool.acquire), or nil: what the linker types its calls by
// and what the library loader reads the classes of.
func modelledMethod(models *asyncir.Models, m *asyncir.Func) *asyncir.APIModel {
	if m.Module == nil || m.Class == nil {
		return nil
	}
	return models.API(models.Canonical(m.Module.Name + "." + m.QualName))
}
