// Package trace is `asynclint trace`: the reference runtime's recorder
// (internal/verify's recorder.py, in its observing mode) inside the user's
// own command — typically a test suite — joined with the static check of
// the same tree.
//
// Record runs the command with a sitecustomize.py first on PYTHONPATH, in a
// temporary directory it owns; every Python process the command starts,
// children included, installs the recorder and appends its events to its
// own file there as they happen (the recorder starts when the process
// first imports asyncio). The recorder only observes: it wraps the
// blocking calls of its table, the loop's scheduling, closing and
// exception-handler methods and warnings._warn_unawaited_coroutine, traces
// exceptions through the project's coroutine frames, and tracks coroutine
// origins (the program still reads its own tracking depth); it turns no
// mode on, and its own failures are recorded, never raised.
//
// Join marks each static finding whose site (its line or a line of its
// related locations) the runtime saw with evidence of its rule
// (verify.EvidenceTable) as confirmed, and reports an event of a rule that
// no finding accounts for as a runtime-only finding with its stack.
//
// File is the record a trace leaves in the project (DefaultFile,
// .asynclint/trace.json): the events and the content hash of each project
// file they name, which the language server joins with its analyses the
// same way, leaving out the events of files changed since (FreshEvents).
package trace
