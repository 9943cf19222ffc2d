package asyncir

// The future-kind tables of the wraptypes family: which APIs take futures
// of one kind only. An asyncio future passed to concurrent.futures.wait
// fails with AttributeError (it has no _condition), and a
// concurrent.futures future passed to asyncio.wait or gather fails with
// TypeError (ensure_future refuses it).

// futureTakers maps an API to the kind of futures it accepts and where.
var futureTakers = []struct {
	name  string
	kind  AwaitKind
	shape TakesShape
}{
	{"concurrent.futures.wait", ConcurrentFuture, TakesIterable},
	{"concurrent.futures.as_completed", ConcurrentFuture, TakesIterable},
	{"asyncio.wait", AsyncioFuture, TakesIterable},
	{"asyncio.as_completed", AsyncioFuture, TakesIterable},
	{"asyncio.gather", AsyncioFuture, TakesVarargs},
	{"asyncio.wait_for", AsyncioFuture, TakesFirst},
	{"asyncio.shield", AsyncioFuture, TakesFirst},
	{"asyncio.ensure_future", AsyncioFuture, TakesFirst},
	{loopClass + ".run_until_complete", AsyncioFuture, TakesFirst},
}

// TakesShape says which arguments of an API are futures.
type TakesShape int

const (
	TakesNone     TakesShape = iota
	TakesFirst               // the first argument is a future
	TakesIterable            // the first argument is an iterable of futures
	TakesVarargs             // every positional argument is a future
)

// addFutureModels records the accepted future kinds on the API models.
func addFutureModels(m *Models) {
	for _, t := range futureTakers {
		a := m.APIs[t.name]
		if a == nil {
			a = &APIModel{Name: t.name, Callback: -1}
			m.APIs[t.name] = a
		}
		a.Takes, a.TakesShape = t.kind, t.shape
	}
	for k, v := range map[string]string{
		"concurrent.futures._base.wait":         "concurrent.futures.wait",
		"concurrent.futures._base.as_completed": "concurrent.futures.as_completed",
	} {
		m.Aliases[k] = v
	}
}
