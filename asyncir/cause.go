package asyncir

// Facts an analyzer attaches to a finding (Diagnostic.Fact) when the same
// rule is worth less attention in that situation; the policy layer maps
// each to a severity, analyzers never decide how loud a finding is.
const (
	// FactFutureInCoroutine: asyncio.Future() created inside a coroutine,
	// where it binds to the running loop.
	FactFutureInCoroutine = "future-in-coroutine"
	// FactFutureGivenLoop: asyncio.Future(loop=...), bound to the loop
	// given.
	FactFutureGivenLoop = "future-given-loop"
	// FactFutureInHelper: asyncio.Future() in a synchronous function
	// other than a constructor, bound to the loop running where it is
	// called.
	FactFutureInHelper = "future-in-helper"
	// FactPrivateLoop: a callback of a loop the registering function
	// created itself with new_event_loop(); nothing else runs on it.
	FactPrivateLoop = "private-loop"
	// FactAfterTestFailure: a Go leak that can only happen on a path
	// where the running test has already failed (after t.Errorf).
	FactAfterTestFailure = "after-test-failure"
	// FactSkippedDelivery: a Go goroutine that returns early (an error
	// from Accept, a failed dial) without the send or the Done its
	// starter waits for. In a test the test hangs instead of failing, which the test
	// timeout reports anyway.
	FactSkippedDelivery = "skipped-delivery"
	// FactWorkSeesContext: Go work started on a wait group that its
	// starter may leave unwaited, where every counted goroutine is handed
	// the starter's context: it ends with that context (cancelled when the
	// starter returned because of it) instead of running on unobserved.
	FactWorkSeesContext = "work-sees-context"
)

// Cause is where a finding reached through project calls comes from: the
// call that reaches the blocking API, where the fix goes. Findings with the
// same Code and Cause.Range share one root; the policy layer reports a
// root reached from several places once, at Range.
type Cause struct {
	Range Range
	// Message says what happens at Range ("`load` calls `requests.get`,
	// which blocks the event loop").
	Message string
	// Callers names, in the plural, what reaches it ("coroutines"); empty
	// when the findings are the sides of one cycle (two goroutines each
	// blocked on the other), which Message already names.
	Callers string
	// Via is this finding's path to the root, shown at its call site
	// ("coroutine `h` reaches it here: h → load → requests.get").
	Via string
	// Site is where Via is shown when the finding itself is placed at
	// the root already (a Go helper's goroutine blocks at its send, and
	// the caller that abandons it is the site); zero: the finding's Range.
	Site Range
}
