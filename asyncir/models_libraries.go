package asyncir

import "strings"

// What installed libraries do not say about themselves. Most of what
// asynclint knows of a library it reads from the library (pyfront's
// library.go); these are the facts its code does not state in a form that
// can be read without running it. The classes named are the library's
// own: when the library is installed they are read like the rest of it.
func addLibraryFacts(m *Models) {
	factory := func(name, internal string, api APIModel) {
		api.Name, api.Callback = name, -1
		m.APIs[name] = &api
		if internal != name {
			m.Aliases[internal] = name
		}
	}
	// async def connect(...) without a return annotation; the class comes
	// from a connection_class parameter whose default is Connection.
	factory("asyncpg.connect", "asyncpg.connection.connect", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "asyncpg.connection.Connection"})
	// create_pool returns a Pool that is ready once awaited (its
	// __await__ hands on to a private coroutine).
	factory("asyncpg.create_pool", "asyncpg.pool.create_pool", APIModel{ReturnsClass: "asyncpg.pool.Pool",
		AwaitsClass: "asyncpg.pool.Pool"})
	// connect and create_pool wrap a private coroutine in an object that
	// is awaitable and an async context manager; dropped, the coroutine
	// never runs.
	factory("aiomysql.connect", "aiomysql.connection.connect", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aiomysql.connection.Connection", EntersClass: "aiomysql.connection.Connection"})
	factory("aiomysql.create_pool", "aiomysql.pool.create_pool", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aiomysql.pool.Pool", EntersClass: "aiomysql.pool.Pool"})
	// connect returns a Connection thread whose __await__ starts it.
	factory("aiosqlite.connect", "aiosqlite.core.connect", APIModel{ReturnsClass: "aiosqlite.core.Connection",
		AwaitsClass: "aiosqlite.core.Connection"})
	// Methods that hand out a connection or cursor through a context
	// object: awaiting it, or "async with", gives the connection; dropped,
	// nothing runs (no coroutine is made), so nothing is reported for it.
	method := func(name, returns, gives string) {
		m.APIs[name] = &APIModel{Name: name, Callback: -1, ReturnsClass: returns, AwaitsClass: gives, EntersClass: gives}
	}
	method("asyncpg.pool.Pool.acquire", "asyncpg.pool.PoolAcquireContext", "asyncpg.connection.Connection")
	method("aiomysql.connection.Connection.cursor", "aiomysql.utils._ContextManager", "aiomysql.cursors.Cursor")
	method("aiomysql.pool.Pool.acquire", "aiomysql.utils._PoolAcquireContextManager", "aiomysql.connection.Connection")
	// aiomysql.sa wraps each private coroutine (_create_engine, _acquire,
	// _begin, _execute) in a context object whose result the coroutine's
	// unannotated body decides: a dropped wrapper never runs.
	factory("aiomysql.sa.create_engine", "aiomysql.sa.engine.create_engine", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aiomysql.sa.engine.Engine", EntersClass: "aiomysql.sa.engine.Engine"})
	wrapped := func(name, gives string) {
		m.APIs[name] = &APIModel{Name: name, Callback: -1, ReturnsAwait: Coroutine, AwaitsClass: gives, EntersClass: gives}
	}
	wrapped("aiomysql.sa.engine.Engine.acquire", "aiomysql.sa.connection.SAConnection")
	wrapped("aiomysql.sa.connection.SAConnection.begin", "aiomysql.sa.transaction.Transaction")
	// execute's wrapper derives from Coroutine: the library says it is a
	// coroutine; only what awaiting it gives is a fact.
	m.APIs["aiomysql.sa.connection.SAConnection.execute"] = &APIModel{Name: "aiomysql.sa.connection.SAConnection.execute", Callback: -1,
		AwaitsClass: "aiomysql.sa.result.ResultProxy", EntersClass: "aiomysql.sa.result.ResultProxy"}
	// aioredis 1.x: the client comes from a commands_factory parameter
	// whose default is Redis.
	factory("aioredis.create_redis", "aioredis.commands.create_redis", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aioredis.commands.Redis"})
	factory("aioredis.create_redis_pool", "aioredis.commands.create_redis_pool", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aioredis.commands.Redis"})
	// aiofiles.open returns a context manager that can be awaited too;
	// either way it gives an async file. Its class is picked by a
	// singledispatch on the opened file: AsyncTextIOWrapper for the
	// default text mode (AsyncBufferedReader, AsyncFileIO and the Indirect
	// twins for others). Class decorators add their I/O methods with
	// setattr, each a coroutine; these are the ones every such class has.
	factory("aiofiles.open", "aiofiles.threadpool.open", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aiofiles.threadpool.text.AsyncTextIOWrapper", EntersClass: "aiofiles.threadpool.text.AsyncTextIOWrapper"})
	for _, class := range []string{"text.AsyncTextIOWrapper", "text.AsyncTextIndirectIOWrapper", "binary.AsyncBufferedIOBase",
		"binary.AsyncIndirectBufferedIOBase", "binary.AsyncFileIO", "binary.AsyncIndirectFileIO"} {
		for _, meth := range []string{"close", "flush", "isatty", "read", "readinto", "readline", "readlines",
			"seek", "seekable", "tell", "truncate", "writable", "write", "writelines"} {
			name := "aiofiles.threadpool." + class + "." + meth
			api := coro(name)
			api.RuntimeMember = true
			m.APIs[name] = api
		}
	}
	// aiofiles.tempfile's files come from the same singledispatch; the
	// default mode ("w+b") gives AsyncBufferedIOBase, and every class it
	// may pick has the methods above. SpooledTemporaryFile's class adds
	// its delegating coroutines with setattr as well.
	for _, name := range []string{"NamedTemporaryFile", "TemporaryFile"} {
		factory("aiofiles.tempfile."+name, "aiofiles.tempfile."+name, APIModel{ReturnsAwait: Coroutine,
			AwaitsClass: "aiofiles.threadpool.binary.AsyncBufferedIOBase", EntersClass: "aiofiles.threadpool.binary.AsyncBufferedIOBase"})
	}
	factory("aiofiles.tempfile.SpooledTemporaryFile", "aiofiles.tempfile.SpooledTemporaryFile", APIModel{ReturnsAwait: Coroutine,
		AwaitsClass: "aiofiles.tempfile.temptypes.AsyncSpooledTemporaryFile", EntersClass: "aiofiles.tempfile.temptypes.AsyncSpooledTemporaryFile"})
	for _, meth := range []string{"close", "fileno", "flush", "isatty", "read", "readline", "readlines", "rollover", "seek", "tell", "truncate"} {
		name := "aiofiles.tempfile.temptypes.AsyncSpooledTemporaryFile." + meth
		api := coro(name)
		api.RuntimeMember = true
		m.APIs[name] = api
	}
	// websockets binds its public names (connect, serve, the protocol
	// classes) through a module __getattr__ fed by these tables.
	m.APIs["websockets.imports.lazy_import"] = &APIModel{Name: "websockets.imports.lazy_import", Callback: -1,
		LazyExports: []string{"aliases", "deprecated_aliases"}}
}

// LazyExporters are the simple names of the calls whose tables bind
// names lazily (APIModel.LazyExports): a library module's statements
// calling them are read, however long.
func (m *Models) LazyExporters() map[string]bool {
	out := map[string]bool{}
	for name, api := range m.APIs {
		if len(api.LazyExports) > 0 {
			out[name[strings.LastIndexByte(name, '.')+1:]] = true
		}
	}
	return out
}
