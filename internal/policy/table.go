package policy

import "github.com/asynclint/asynclint/asyncir"

// tierSeverity is the severity of a blocking finding by what the call
// waits on, outside tests: waiting on the clock, the network, a process,
// a thread or a lock stalls every task; file data is usually fast but not
// always; file-system metadata rarely matters. Configuration overrides it
// (blocking-tiers).
var tierSeverity = map[asyncir.BlockTier]asyncir.Severity{
	asyncir.TierWaiting:  asyncir.SeverityWarning,
	asyncir.TierData:     asyncir.SeverityWarning,
	asyncir.TierMetadata: asyncir.SeverityInfo,
}

// tieredCodes are the rules whose severity the blocking tier decides.
// AL204 is not one of them: its wait can deadlock, an error whatever it
// waits on.
var tieredCodes = map[string]bool{"AL201": true, "AL202": true, "AL203": true}

// factSeverity is the severity of a finding in a situation an analyzer
// tagged, where the rule's usual consequence does not follow.
var factSeverity = map[string]asyncir.Severity{
	// asyncio.Future() inside a coroutine binds to the running loop.
	asyncir.FactFutureInCoroutine: asyncir.SeverityInfo,
	// asyncio.Future(loop=loop) binds to the loop given, and
	// asyncio.Future() in a helper to the loop running where it is
	// called: libraries call such helpers from coroutines, protocol
	// methods and loop callbacks. Of 57 reviewed on slixmpp, dnspython,
	// aioxmpp, aiozmq, aiodns, anyio, asyncpg and others, none was worth
	// a change; the three in constructors that were (aiomqtt #335: a
	// Client made before asyncio.run) stay warnings.
	asyncir.FactFutureGivenLoop: asyncir.SeverityInfo,
	asyncir.FactFutureInHelper:  asyncir.SeverityInfo,
	// A loop the function created and runs itself stalls only its own
	// callbacks.
	asyncir.FactPrivateLoop: asyncir.SeverityInfo,
	// A goroutine that leaks only once the test has failed is moot when
	// the test passes.
	asyncir.FactAfterTestFailure: asyncir.SeverityInfo,
	// Unwaited work that is handed the starter's context ends with it:
	// centrifuge's cleanup cycles return on ctx.Err() while the shards
	// they started stop on the same cancellation.
	asyncir.FactWorkSeesContext: asyncir.SeverityInfo,
}

// The test profile: in test files these findings are at most info. A
// dropped task, a deprecated get_event_loop(), an unchecked result() and a
// directly built future do not hurt a test run, nor does file I/O; waiting
// (sleep, network, subprocess, joins, lock waits) stays as loud as
// elsewhere because it changes the test's timing.
var (
	testInfoCodes = map[string]bool{"AL102": true, "AL303": true, "AL404": true, "AL405": true,
		// In a Go test the context is a deadline guard nothing cancels
		// midway: a deliberate pause (letting a broker settle) or a
		// fresh root for one step (a short WithTimeout for an RPC meant
		// to time out) changes nothing the test checks. grpc, kafka-go
		// and nats-server have 16 of them and no maintainer would
		// change one.
		"AL251": true, "AL351": true,
		// A Cond.Wait outside a loop in a test is ordered by a handshake
		// the test controls (the waiter announces itself under the lock,
		// a synctest bubble, waiting until the goroutine blocks); a hang
		// would fail on the test's timeout. All 9 in the standard
		// library's tests are of that kind.
		"AL157": true,
		// Work a test starts on a group and leaves unwaited on an early
		// return: the return is an error the test fails on (quic-go's
		// stream tests return the first stream error to require.NoError)
		// or a branch whose deferred Close ends the work (nats.go's
		// TestExpiredAuthentication closes the listener its accept loop
		// waits on). The work ends on its own; none of the 5 such
		// warnings on 58 modules was worth a change.
		"AL154": true}
	testInfoFacts = map[string]bool{asyncir.FactSkippedDelivery: true}
	testInfoTiers = map[asyncir.BlockTier]bool{asyncir.TierData: true, asyncir.TierMetadata: true}
)

// The example profile: in a demonstration program (examples/,
// _examples/) these findings are at most info. Its main owns the context
// and the process ends with main, so nothing cancels it midway and a
// goroutine outliving it dies with the program; what the program shows is
// the API it demonstrates, not a shutdown. nats.go's eight jetstream
// examples each carry a copy of one endless publish loop that sleeps
// 500ms a turn and passes ctx to Publish; no maintainer would change
// them. Deadlocks and leaks (AL15x) stay as loud as elsewhere: they hang
// the example itself.
var exampleInfoCodes = map[string]bool{"AL251": true, "AL351": true, "AL352": true}
