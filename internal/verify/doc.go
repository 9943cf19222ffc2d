// Package verify is `asynclint verify`, the reference runtime: it runs every
// test case under the real CPython and the real Go runtime and checks that
// what the runtime reports agrees, line by line, with the case's
// expectations (DESIGN.md, "The reference runtime"; RULES.md, "verified by").
//
// # Python cases
//
// Each entry file runs in its own `python3 -X dev` process (asyncio debug
// mode, PYTHONASYNCIODEBUG=1, slow-callback threshold 50 ms, every warning
// shown, tracemalloc with 25 frames, gc.collect() before asyncio.run
// cancels what is left and at the end) under harness.py, embedded in the
// binary with the recorder it imports (recorder.py, in its exact mode; the
// same recorder, in its observing mode, is what `asynclint trace` installs
// in a user's processes). How a case runs: a "# run: main" or "# run: script" line decides;
// otherwise a case with an `if __name__ == "__main__":` block runs as a
// script, and one with only `async def main()` runs as asyncio.run(main()).
// A file in a package directory (one holding __init__.py) is a module, not
// an entry: the entries of the nearest non-package directory above it run
// it, and its expectations are matched against their events.
//
// The harness writes one JSON event per finding, attributed to a line of a
// case file (recorder.py says exactly how):
//
//	never-awaited       "coroutine … was never awaited": the line that dropped the
//	                    coroutine (its creation line from tracemalloc, stepping out of
//	                    a wrapper whose line is `return f(...)`)
//	coroutine-callback  a coroutine function registered as a callback (call_soon,
//	                    call_later, call_at, call_soon_threadsafe, add_done_callback,
//	                    Thread, Timer, atexit, signal) whose coroutine the runtime
//	                    dropped: the registering line. Debug mode would refuse such a
//	                    callback with a TypeError at once; the harness keeps
//	                    production's behaviour, which RULES.md names as the evidence
//	task-destroyed      "Task was destroyed but it is pending": the line that created
//	                    the task (its debug source traceback)
//	task-unreferenced   a task still pending when asyncio.run ends (or its loop closes) that only the
//	                    loop's machinery references (handles, futures' callbacks):
//	                    its only reference was dropped, and it lives only by what it
//	                    waits on (a timer); the line that created it
//	exception           a TypeError, RuntimeError, AttributeError, InvalidStateError
//	                    or AssertionError raised through a case frame, caught or not:
//	                    the innermost case line it passed; not one a test expects
//	expected-exception  the same, raised where a test expects it (an E inside `with
//	                    self.assertRaises(E)` or `with pytest.raises(E)`, or from the
//	                    callable either is given), or a removed Task.all_tasks/
//	                    current_task whose handler then calls the replacement
//	                    (a feature-fallback event at its line): evidence for no rule
//	blocking-in-coroutine  a blocking call (recorder.py's BLOCKING table) made on the
//	                    loop's thread while it runs, from an async function: its line
//	blocking-via-helper the same from synchronous case code called by an async
//	                    function: the line in the async function that calls the helper
//	                    chain (where AL202 points)
//	blocking-in-callback the same from case code the loop calls synchronously (a
//	                    callback, a protocol method): the line in that function
//	hang                a blocking call on the loop's thread not done within -hang:
//	                    its line; the call is then aborted so the case goes on
//	context-lost        a ContextVar that was set somewhere read its default in
//	                    another thread: the line that hopped threads
//	                    (run_in_executor, ThreadPoolExecutor.submit, Thread), else
//	                    the read
//	deprecation         a DeprecationWarning at its case line; also get_event_loop()
//	                    creating the thread's loop implicitly, which 3.11.7 does
//	                    silently and 3.12 deprecates (AL303)
//	running-loop        asyncio.get_event_loop() returned the running loop, called from
//	                    a coroutine or a private or nested function: its line (AL302)
//	policy-loop         the policy's get_event_loop() returned a loop other than the
//	                    one running the caller: its line (AL302)
//
// AL403's second half (a membership or identity test of an input against
// asyncio.wait/as_completed results is always False) has no runtime
// diagnostic; a case states the belief the code relies on as an assert on
// the flagged line, `assert coro_a in done  # want: AL403`, and the runtime
// refutes it with an AssertionError there. Any other failing assert is
// therefore an unexpected AL403.
//
// A case must run to its end: an uncaught exception fails it (naming its
// line) unless it is the evidence a want on that line asks for, and a case
// still running after -timeout is asked where it is (SIGUSR1) and fails
// naming that line.
//
// A blocking call that raised TypeError or AttributeError was a misuse and
// did not block; it is not recorded. A never-awaited coroutine on a line that
// raised is the exception's consequence and is never unexpected by itself.
//
// # Go cases
//
// Go cases are packages in analysistest's GOPATH layout
// (<root>/src/<importpath>, `// want "regexp"` comments; a want whose
// regexp names an AL code is that rule's, any other want accepts any Go
// evidence). Import paths starting with a domain are dependency stubs and
// are not cases. The runner copies the GOPATH, adds a generated test that
// calls each exported `func RunX()` or `func RunX(ctx context.Context)`
// (with at most one result), and runs it with `go test -race` built with
// GOEXPERIMENT=goroutineleakprofile. Events:
//
//	goroutine-leak  a goroutine in the goroutineleak profile: its blocking line,
//	                the other case frames of its stack, and its go statement
//	hang            a Run function not returned within -hang (a context-taking one
//	                after its context was cancelled): the case frames of its stack
//	data-race       a race detector report: the case lines it names
//
// testdata/go/README.md is the convention for case writers.
//
// # Matching
//
// EvidenceTable maps each rule to the events that confirm it. A want is
// verified by an event of its rule at its line (for Go, at any line of the
// finding); an event that is evidence for some rule and that no want at its
// lines accounts for is unexpected. A "# static-only: AL405 reason" (Go:
// "// static-only: AL451 reason") mark makes the case's wants of that rule
// static-only: listed, not required. Rules without evidence (AL405,
// AL451) can only be carried that way. Main prints the unconfirmed and
// unexpected findings as "path:line:" lines, a table per rule, and exits 1
// when there is any.
package verify
