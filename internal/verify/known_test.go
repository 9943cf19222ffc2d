package verify

// knownFailures are the repository cases the runtime currently refutes,
// each with the reviewed reason; fixing the case means deleting its line.
var knownFailures = map[string]string{
	"python/neverawaited/al104_callback.py:22: AL201 unexpected": "t.join() in async def main blocks the loop: the case needs `await asyncio.to_thread(t.join)` or a want AL201",
}
