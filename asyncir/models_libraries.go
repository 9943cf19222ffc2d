package asyncir

// What installed libraries do not say about themselves. Most of what
// asynclint knows of a library it reads from the library (pyfront's
// library.go); these are the facts its code does not state in a form that
// can be read without running it.
func addLibraryFacts(m *Models) {
	// async def connect(...) without a return annotation; the class comes
	// from a connection_class parameter whose default is Connection.
	m.APIs["asyncpg.connect"] = &APIModel{Name: "asyncpg.connect", ReturnsAwait: Coroutine,
		AwaitsClass: "asyncpg.connection.Connection", Callback: -1}
	m.Aliases["asyncpg.connection.connect"] = "asyncpg.connect"
}
