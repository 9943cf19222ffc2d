package verify

// knownFailures are the repository cases the runtime currently refutes,
// each with the reviewed reason; fixing the case means deleting its line.
var knownFailures = map[string]string{
	"python/neverawaited/al102_dangling_task.py:13: AL102 unconfirmed": danglingTick,
	"python/neverawaited/al102_dangling_task.py:14: AL102 unconfirmed": danglingTick,
	"python/neverawaited/al102_dangling_task.py:15: AL102 unconfirmed": danglingTick,
	"python/neverawaited/al102_dangling_task.py:16: AL102 unconfirmed": danglingTick,
	"python/neverawaited/al104_callback.py:22: AL201 unexpected":       "t.join() in async def main blocks the loop: the case needs `await asyncio.to_thread(t.join)` or a want AL201",
}

const danglingTick = "tick() sleeps on a timer the loop holds, so the task is never collected: nothing destroys it while pending; " +
	"a dropped task is only destroyed when it waits on something no one else references (e.g. `await loop.create_future()`)"
