package asyncir

import "strings"

// The blocking-call tables: calls that hold the calling thread until I/O,
// a child process, another thread or the clock lets them go, with the
// asynchronous equivalent where one exists. blockingcall reads them;
// extend-blocking-calls adds to them.

// NonBlockingArg is an argument that turns a blocking API's wait off: the
// call does not block when the argument at Pos (or named Keyword) is one of
// the literals Values. With Unknown set, a non-literal value counts as
// non-blocking too (block=flag may well be False, and asynclint does not
// guess).
type NonBlockingArg struct {
	Pos     int
	Keyword string
	Values  []string
	Unknown bool
	// Flag is a module constant (socket.AI_NUMERICHOST) whose presence
	// in the argument, alone or in a `|` of flags, turns the wait off.
	Flag string
	// IPLiteral: a string literal that is an IP address ("127.0.0.1",
	// "::1") turns the wait off: the resolver parses it without a lookup.
	IPLiteral bool
}

// MethodFamily makes the methods of an external client class blocking
// when the client's methods are generated rather than listed: redis
// commands, boto3 operations, pymongo collections reached through
// attributes (client.db.users.find_one).
type MethodFamily struct {
	// Prefix is the class name followed by a dot ("redis.Redis.").
	Prefix string
	// Methods, when set, are the only blocking method names; otherwise
	// every method not in Except blocks.
	Methods, Except map[string]bool
	// AnyDepth lets attributes come between the client and the method
	// (pymongo's client.db.collection.find_one).
	AnyDepth    bool
	Replacement string
}

// BlockingAPI returns the model of name when it blocks: a listed API or
// a method of a family. It returns nil for everything else.
func (m *Models) BlockingAPI(name string) *APIModel {
	if m == nil || name == "" {
		return nil
	}
	if a := m.API(name); a != nil {
		if a.Blocks {
			return a
		}
		return nil
	}
	for _, f := range m.Families {
		rest, ok := strings.CutPrefix(name, f.Prefix)
		if !ok {
			continue
		}
		method := rest
		if i := strings.LastIndexByte(rest, '.'); i >= 0 {
			if !f.AnyDepth {
				continue
			}
			method = rest[i+1:]
		}
		if strings.HasPrefix(method, "_") || f.Except[method] || f.Methods != nil && !f.Methods[method] {
			continue
		}
		return &APIModel{Name: name, Blocks: true, Tier: TierWaiting, Replacement: f.Replacement, Callback: -1}
	}
	return nil
}

// unboundedQueue is the class of queue.Queue objects built without a
// maxsize.
const unboundedQueue = "queue.Queue[unbounded]"

// Bounded reports whether op, a call of a with an Unbounded result,
// passes a bound: anything but a literal size ≤ 0 (or nothing) counts.
func (a *APIModel) Bounded(op *Op) bool {
	if op.Star {
		return true
	}
	v := op.Arg(a.Bound.Pos, a.Bound.Keyword)
	if v == nil {
		return false
	}
	return v.Const() == "" || v.Const() != "0" && !strings.HasPrefix(v.Const(), "-")
}

// blocking builds the model of an API that waits (the clock, another
// thread, a lock, a queue, a future, a child process).
func blocking(name, replacement string, nb ...NonBlockingArg) *APIModel {
	return &APIModel{Name: name, Blocks: true, Tier: TierWaiting, Replacement: replacement, Callback: -1, NonBlocking: nb}
}

// BlockingTier is the tier of a blocking model: what it waits on.
// Blocking models without a tier (configuration's extend-blocking-calls)
// are assumed to wait.
func (a *APIModel) BlockingTier() BlockTier {
	switch {
	case a == nil || !a.Blocks:
		return TierNone
	case a.Tier == TierNone:
		return TierWaiting
	}
	return a.Tier
}

// freeWhenNew names the lock class whose new instance an acquire takes
// at once.
func freeWhenNew(a *APIModel, class string) *APIModel {
	a.FreeWhenNew = class
	return a
}

// withEmptyTest names the receiver's method that tells whether a get
// would wait for an item.
func withEmptyTest(a *APIModel, method string) *APIModel {
	a.EmptyTest = method
	return a
}

// blockFalse is a block=/blocking=/wait= flag: False turns the wait off.
func blockFalse(pos int, kw string) NonBlockingArg {
	return NonBlockingArg{Pos: pos, Keyword: kw, Values: []string{"False", "0"}, Unknown: true}
}

// numericHost is a resolver's flags argument: naming the constant flag
// (socket.AI_NUMERICHOST, alone or or-ed with others) means no lookup.
func numericHost(pos int, flag string) NonBlockingArg {
	return NonBlockingArg{Pos: pos, Keyword: "flags", Flag: "socket." + flag}
}

// ipLiteral is a host argument: an IP address spelled as a literal needs
// no lookup.
func ipLiteral(pos int, kw string) NonBlockingArg {
	return NonBlockingArg{Pos: pos, Keyword: kw, IPLiteral: true}
}

// timeoutZero is a timeout argument: 0 polls instead of waiting.
func timeoutZero(pos int) NonBlockingArg {
	return NonBlockingArg{Pos: pos, Keyword: "timeout", Values: []string{"0", "0.0"}}
}

func nameSet(names ...string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}

// addBlocking adds the blocking-call tables to m.
func addBlocking(m *Models) {
	var as []*APIModel
	addTier := func(tier BlockTier, replacement string, names ...string) {
		for _, n := range names {
			a := blocking(n, replacement)
			a.Tier = tier
			as = append(as, a)
		}
	}
	add := func(replacement string, names ...string) { addTier(TierWaiting, replacement, names...) }
	add("asyncio.sleep", "time.sleep")
	// Processes (ruff's ASYNC220–222).
	add("asyncio.create_subprocess_exec",
		"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
		"subprocess.getoutput", "subprocess.getstatusoutput",
		"os.posix_spawn", "os.posix_spawnp", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe",
		"os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe")
	add("asyncio.create_subprocess_shell", "os.system", "os.popen")
	// os.waitpid(pid, os.WNOHANG) polls; any options but a literal 0 are
	// given the benefit of the doubt.
	options := func(pos int) NonBlockingArg { return NonBlockingArg{Pos: pos, Keyword: "options", Unknown: true} }
	as = append(as, blocking("os.wait", ""), blocking("os.wait3", "", options(0)),
		blocking("os.wait4", "", options(1)), blocking("os.waitpid", "", options(1)),
		blocking("os.waitid", "", options(2)))
	as = append(as,
		&APIModel{Name: "subprocess.Popen", Blocks: true, Tier: TierWaiting, Replacement: "asyncio.create_subprocess_exec", ReturnsClass: "subprocess.Popen", Callback: -1},
		blocking("subprocess.Popen.wait", "asyncio.subprocess.Process.wait", timeoutZero(0)),
		blocking("subprocess.Popen.communicate", "asyncio.subprocess.Process.communicate"),
	)
	// A user at the terminal is waited for like a peer.
	add("", "builtins.input")
	// File data (ASYNC230): opening, reading, writing, copying.
	addTier(TierData, "", "builtins.open", "io.open", "io.open_code", "codecs.open",
		"shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.copyfileobj",
		"shutil.rmtree", "shutil.move", "shutil.make_archive", "shutil.unpack_archive",
		"os.truncate", "os.fsync")
	for _, n := range []string{"open", "read_text", "read_bytes", "write_text", "write_bytes"} {
		addTier(TierData, "", "pathlib.Path."+n)
	}
	// File-system metadata (ASYNC240): one quick system call each.
	// Calls that do no I/O at all are not listed: os.getcwd and
	// Path.cwd/absolute (getcwd), Path.home and expanduser (an
	// environment read), os.path.abspath/relpath/normpath/join (string
	// work after getcwd).
	addTier(TierMetadata, "", "shutil.disk_usage")
	for _, n := range []string{"makedirs", "mkdir", "remove", "unlink", "rename", "renames", "replace",
		"rmdir", "removedirs", "listdir", "scandir", "walk", "stat", "lstat", "chmod", "chown",
		"link", "symlink", "readlink", "utime"} {
		addTier(TierMetadata, "", "os."+n)
	}
	for _, n := range []string{"exists", "getatime", "getctime", "getmtime",
		"getsize", "isdir", "isfile", "islink", "ismount", "lexists", "realpath",
		"samefile", "sameopenfile"} {
		addTier(TierMetadata, "", "os.path."+n)
	}
	for _, n := range []string{"chmod", "exists", "glob", "group", "hardlink_to",
		"is_block_device", "is_char_device", "is_dir", "is_fifo", "is_file", "is_mount", "is_socket",
		"is_symlink", "iterdir", "lchmod", "link_to", "lstat", "mkdir", "owner", "readlink", "rename",
		"replace", "resolve", "rglob", "rmdir", "samefile", "stat", "symlink_to", "touch", "unlink"} {
		addTier(TierMetadata, "", "pathlib.Path."+n)
	}
	// HTTP clients (ASYNC210, ASYNC212).
	verbs := []string{"get", "post", "put", "patch", "delete", "head", "options", "request"}
	for _, v := range verbs {
		add("aiohttp.ClientSession."+v, "requests."+v, "requests.Session."+v)
		add("httpx.AsyncClient."+v, "httpx."+v, "httpx.Client."+v)
	}
	add("httpx.AsyncClient.send", "httpx.Client.send", "requests.Session.send")
	add("httpx.AsyncClient.stream", "httpx.stream", "httpx.Client.stream")
	add("aiohttp.ClientSession.get", "urllib.request.urlopen", "urllib.request.urlretrieve",
		"urllib3.request", "urllib3.PoolManager.request", "urllib3.PoolManager.urlopen",
		"urllib3.HTTPConnectionPool.request", "urllib3.HTTPConnectionPool.urlopen")
	add("aiohttp.ClientSession.request", "http.client.HTTPConnection.request", "http.client.HTTPConnection.getresponse",
		"http.client.HTTPConnection.connect", "http.client.HTTPResponse.read")
	// Sockets.
	as = append(as, &APIModel{Name: "socket.create_connection", Blocks: true, Tier: TierWaiting, Replacement: "asyncio.open_connection", ReturnsClass: "socket.socket", Callback: -1})
	add("asyncio.open_connection", "socket.socket.connect")
	// A numeric host needs no resolver: AI_NUMERICHOST/NI_NUMERICHOST in
	// the flags turn the lookup into parsing.
	as = append(as,
		blocking("socket.getaddrinfo", "asyncio.AbstractEventLoop.getaddrinfo", numericHost(5, "AI_NUMERICHOST"), ipLiteral(0, "host")),
		blocking("socket.getnameinfo", "asyncio.AbstractEventLoop.getnameinfo", numericHost(1, "NI_NUMERICHOST")))
	add("asyncio.AbstractEventLoop.getaddrinfo", "socket.gethostbyname",
		"socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getfqdn")
	addReady := func(ready, replacement string, names ...string) {
		for _, n := range names {
			a := blocking(n, replacement)
			a.ReadyWhen = ready
			as = append(as, a)
		}
	}
	addReady("read", "asyncio.AbstractEventLoop.sock_recv", "socket.socket.recv", "socket.socket.recv_into",
		"socket.socket.recvfrom", "socket.socket.recvfrom_into", "socket.socket.recvmsg")
	addReady("write", "asyncio.AbstractEventLoop.sock_sendall", "socket.socket.send",
		"socket.socket.sendto", "socket.socket.sendmsg")
	// sendall and sendfile loop until everything is written: one
	// writable event does not cover them.
	add("asyncio.AbstractEventLoop.sock_sendall", "socket.socket.sendall", "socket.socket.sendfile")
	addReady("read", "asyncio.AbstractEventLoop.sock_accept", "socket.socket.accept")
	// Threads, locks, queues and thread-side futures.
	as = append(as,
		freeWhenNew(blocking("threading.Lock.acquire", "asyncio.Lock.acquire", blockFalse(0, "blocking"), timeoutZero(1)), "threading.Lock"),
		freeWhenNew(blocking("threading.RLock.acquire", "asyncio.Lock.acquire", blockFalse(0, "blocking"), timeoutZero(1)), "threading.RLock"),
		blocking("threading.Semaphore.acquire", "asyncio.Semaphore.acquire", blockFalse(0, "blocking"), timeoutZero(1)),
		blocking("threading.Condition.acquire", "asyncio.Condition.acquire", blockFalse(0, "blocking"), timeoutZero(1)),
		blocking("threading.Condition.wait", "asyncio.Condition.wait", timeoutZero(0)),
		blocking("threading.Condition.wait_for", "asyncio.Condition.wait_for", timeoutZero(1)),
		blocking("threading.Event.wait", "asyncio.Event.wait", timeoutZero(0)),
		blocking("threading.Barrier.wait", "asyncio.Barrier.wait", timeoutZero(0)),
		blocking("threading.Thread.join", "", timeoutZero(0)),
		withEmptyTest(blocking("queue.Queue.get", "asyncio.Queue.get", blockFalse(0, "block"), timeoutZero(1)), "empty"),
		blocking("queue.Queue.put", "asyncio.Queue.put", blockFalse(1, "block"), timeoutZero(2)),
		// queue.Queue() with no maxsize (or one ≤ 0) never fills: its put
		// does not wait.
		&APIModel{Name: "queue.Queue", ReturnsClass: "queue.Queue", Unbounded: unboundedQueue,
			Bound: NonBlockingArg{Pos: 0, Keyword: "maxsize"}, Callback: -1},
		&APIModel{Name: unboundedQueue + ".put", Callback: -1},
		blocking("queue.Queue.join", "asyncio.Queue.join"),
		withEmptyTest(blocking("queue.SimpleQueue.get", "asyncio.Queue.get", blockFalse(0, "block"), timeoutZero(1)), "empty"),
		blocking("concurrent.futures.Future.result", "asyncio.wrap_future", timeoutZero(0)),
		blocking("concurrent.futures.Future.exception", "asyncio.wrap_future", timeoutZero(0)),
		blocking("concurrent.futures.Executor.shutdown", "", blockFalse(0, "wait")),
		// map's results are waited for as they are iterated, which is
		// what the caller does next.
		blocking("concurrent.futures.Executor.map", "asyncio.gather"),
		blocking("concurrent.futures.wait", "asyncio.wait", timeoutZero(1)),
		blocking("concurrent.futures.as_completed", "asyncio.as_completed", timeoutZero(1)),
	)
	// Databases.
	as = append(as,
		&APIModel{Name: "sqlite3.connect", Blocks: true, Tier: TierData, Replacement: "aiosqlite.connect", ReturnsClass: "sqlite3.Connection", Callback: -1},
		&APIModel{Name: "sqlite3.Connection.cursor", ReturnsClass: "sqlite3.Cursor", Callback: -1},
		&APIModel{Name: "psycopg2.connect", Blocks: true, Tier: TierWaiting, Replacement: "psycopg.AsyncConnection.connect", ReturnsClass: "psycopg2.extensions.connection", Callback: -1},
		&APIModel{Name: "psycopg2.extensions.connection.cursor", ReturnsClass: "psycopg2.extensions.cursor", Callback: -1},
		&APIModel{Name: "pymysql.connect", Blocks: true, Tier: TierWaiting, Replacement: "aiomysql.connect", ReturnsClass: "pymysql.connections.Connection", Callback: -1},
		&APIModel{Name: "pymysql.connections.Connection.cursor", ReturnsClass: "pymysql.cursors.Cursor", Callback: -1},
		&APIModel{Name: "redis.from_url", ReturnsClass: "redis.Redis", Callback: -1},
		&APIModel{Name: "redis.Redis.from_url", ReturnsClass: "redis.Redis", Callback: -1},
		&APIModel{Name: "boto3.client", ReturnsClass: "botocore.client.BaseClient", Callback: -1},
		&APIModel{Name: "boto3.session.Session.client", ReturnsClass: "botocore.client.BaseClient", Callback: -1},
		&APIModel{Name: "pymongo.MongoClient.get_database", ReturnsClass: "pymongo.database.Database", Callback: -1},
		&APIModel{Name: "pymongo.database.Database.get_collection", ReturnsClass: "pymongo.collection.Collection", Callback: -1},
		&APIModel{Name: "requests.session", ReturnsClass: "requests.Session", Callback: -1},
	)
	addTier(TierData, "aiosqlite.Connection.execute", "sqlite3.Connection.execute", "sqlite3.Connection.executemany",
		"sqlite3.Connection.executescript", "sqlite3.Connection.commit", "sqlite3.Connection.rollback",
		"sqlite3.Cursor.execute", "sqlite3.Cursor.executemany", "sqlite3.Cursor.executescript",
		"sqlite3.Cursor.fetchone", "sqlite3.Cursor.fetchall", "sqlite3.Cursor.fetchmany")
	for _, c := range []struct{ conn, cur, repl string }{
		{"psycopg2.extensions.connection", "psycopg2.extensions.cursor", "psycopg.AsyncConnection"},
		{"pymysql.connections.Connection", "pymysql.cursors.Cursor", "aiomysql.Connection"},
	} {
		add(c.repl, c.conn+".commit", c.conn+".rollback", c.cur+".execute", c.cur+".executemany",
			c.cur+".fetchone", c.cur+".fetchall", c.cur+".fetchmany", c.cur+".callproc")
	}
	add("aiomysql.Connection", "pymysql.connections.Connection.ping", "pymysql.connections.Connection.query")
	for _, n := range []string{"warnings.warn", "warnings.warn_explicit", "warnings.showwarning",
		"warnings._showwarnmsg", "linecache.getline", "linecache.getlines", "linecache.updatecache",
		"linecache.checkcache", "traceback.print_exc", "traceback.format_exc", "traceback.print_exception",
		"traceback.format_exception", "traceback.extract_stack", "traceback.StackSummary.extract",
		"threading.Thread.start", "logging.Logger._log", "logging.Logger.handle"} {
		as = append(as, &APIModel{Name: n, Cold: true, Callback: -1})
	}
	for _, a := range as {
		m.APIs[a.Name] = a
	}
	m.Families = append(m.Families,
		&MethodFamily{Prefix: "redis.Redis.", Replacement: "redis.asyncio.Redis",
			Except: nameSet("pipeline", "pubsub", "lock", "register_script", "from_url", "get_connection_kwargs", "get_encoder", "monitor")},
		&MethodFamily{Prefix: "redis.client.Pipeline.", Replacement: "redis.asyncio.client.Pipeline", Methods: nameSet("execute")},
		&MethodFamily{Prefix: "botocore.client.BaseClient.", Replacement: "aioboto3",
			Except: nameSet("get_paginator", "get_waiter", "can_paginate", "generate_presigned_url", "generate_presigned_post", "close", "meta", "exceptions")},
		&MethodFamily{Prefix: "pymongo.MongoClient.", AnyDepth: true, Replacement: "pymongo.AsyncMongoClient",
			Methods: mongoMethods()},
		&MethodFamily{Prefix: "pymongo.collection.Collection.", Replacement: "pymongo.AsyncMongoClient", Methods: mongoMethods()},
	)
	for _, c := range []*ClassModel{
		{Name: "subprocess.Popen", EnterSelf: true},
		{Name: "socket.socket", EnterSelf: true},
		{Name: "pathlib.Path", Bases: []string{"pathlib.PurePath"}},
		{Name: "pathlib.PosixPath", Bases: []string{"pathlib.Path"}},
		{Name: "pathlib.WindowsPath", Bases: []string{"pathlib.Path"}},
		{Name: "queue.Queue"},
		{Name: unboundedQueue, Bases: []string{"queue.Queue"}},
		{Name: "queue.LifoQueue", Bases: []string{"queue.Queue"}},
		{Name: "queue.PriorityQueue", Bases: []string{"queue.Queue"}},
		{Name: "queue.SimpleQueue"},
		{Name: "threading.Barrier"},
		{Name: "threading.BoundedSemaphore", Bases: []string{"threading.Semaphore"}},
		{Name: "threading.Timer", Bases: []string{"threading.Thread"}},
		{Name: "requests.Session", EnterSelf: true},
		{Name: "httpx.Client", EnterSelf: true},
		{Name: "urllib3.PoolManager", EnterSelf: true},
		{Name: "urllib3.HTTPConnectionPool", EnterSelf: true},
		{Name: "urllib3.HTTPSConnectionPool", Bases: []string{"urllib3.HTTPConnectionPool"}, EnterSelf: true},
		{Name: "http.client.HTTPConnection"},
		{Name: "http.client.HTTPSConnection", Bases: []string{"http.client.HTTPConnection"}},
		{Name: "sqlite3.Connection", EnterSelf: true},
		{Name: "sqlite3.Cursor"},
		{Name: "psycopg2.extensions.connection", EnterSelf: true},
		{Name: "psycopg2.extensions.cursor", EnterSelf: true},
		{Name: "pymysql.connections.Connection", EnterSelf: true},
		{Name: "pymysql.cursors.Cursor", EnterSelf: true},
		{Name: "redis.Redis", EnterSelf: true},
		{Name: "pymongo.MongoClient", EnterSelf: true},
		{Name: "boto3.session.Session"},
	} {
		if old := m.Classes[c.Name]; old != nil {
			old.EnterSelf = old.EnterSelf || c.EnterSelf
			continue
		}
		m.Classes[c.Name] = c
	}
	// threading's classes are modelled by models_python.go; their
	// context managers acquire and release, they do not return self.
	for k, v := range map[string]string{
		"redis.StrictRedis":                "redis.Redis",
		"redis.client.Redis":               "redis.Redis",
		"redis.client.StrictRedis":         "redis.Redis",
		"boto3.Session":                    "boto3.session.Session",
		"pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
		"requests.sessions.Session":        "requests.Session",
		"httpx._client.Client":             "httpx.Client",
	} {
		m.Aliases[k] = v
	}
}

func mongoMethods() map[string]bool {
	return nameSet("find_one", "insert_one", "insert_many", "update_one", "update_many",
		"replace_one", "delete_one", "delete_many", "count_documents", "estimated_document_count",
		"distinct", "aggregate", "bulk_write", "find_one_and_update", "find_one_and_delete",
		"find_one_and_replace", "create_index", "create_indexes", "drop", "drop_index",
		"list_database_names", "list_collection_names", "server_info", "command")
}
