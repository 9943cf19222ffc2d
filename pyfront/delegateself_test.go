package pyfront

import "testing"

// An async dunder that hands on to a method of self binds what that
// method returns on the receiver's class (sqlalchemy's StartableContext:
// __aenter__ awaits self.start(), AsyncConnection.start returns self);
// a start that returns something else binds nothing known.
func TestLibraryEnterDelegatesToSelf(t *testing.T) {
	prog := loadApp(t, map[string]string{
		"db/__init__.py": "from .engine import Engine\n",
		"db/base.py": `import abc
class StartableContext(abc.ABC):
    @abc.abstractmethod
    async def start(self, is_ctxmanager=False):
        pass
    async def __aenter__(self):
        return await self.start(is_ctxmanager=True)
`,
		"db/engine.py": `from .base import StartableContext
class Connection(StartableContext):
    async def start(self, is_ctxmanager=False):
        """Start; return the connection."""
        if self.started:
            raise RuntimeError("started")
        self.started = await self.open()
        return self
    async def execute(self, q): ...
class Result(StartableContext):
    async def start(self, is_ctxmanager=False):
        return self.rows
    async def fetch(self): ...
class Engine:
    _connection_cls = Connection
    def connect(self):
        return self._connection_cls(self)
    def query(self):
        return Result()
`}, `import db
async def main(e: db.Engine):
    async with e.connect() as conn:
        conn.execute("q")
    async with e.query() as res:
        res.fetch()
`)
	checkCoroutines(t, prog, map[int]string{4: "Connection.execute", 6: ""})
}
