package verify

import (
	"regexp"
	"slices"
)

// Evidence is one runtime observation that confirms a rule: an event of
// Kind whose detail matches Detail (nil: any detail).
type Evidence struct {
	Kind   string
	Detail *regexp.Regexp
}

// Confirms reports whether e is this evidence.
func (ev Evidence) Confirms(e Event) bool {
	return e.Kind == ev.Kind && (ev.Detail == nil || ev.Detail.MatchString(e.Detail))
}

func kind(k string) Evidence { return Evidence{Kind: k} }

// blockedIn is a goroutine leak whose goroutine waits in state re.
func blockedIn(re string) Evidence {
	return Evidence{Kind: "goroutine-leak", Detail: regexp.MustCompile(`^goroutine leaked blocked in ` + re + `$`)}
}

func exception(re string) Evidence {
	return Evidence{Kind: "exception", Detail: regexp.MustCompile(re)}
}

// EvidenceTable maps each rule code to the runtime events that confirm it
// (RULES.md, "verified by"). A rule with no entry (AL405, AL451) can
// only be carried by a case's reviewed static-only mark. Python attribution
// is the recorder's (recorder.py); Go's is gocase.go's.
func EvidenceTable() map[string][]Evidence {
	leak := kind("goroutine-leak")
	return map[string][]Evidence{
		// neverawaited
		"AL101": {kind("never-awaited")},
		"AL102": {kind("task-destroyed"), kind("task-unreferenced")},
		"AL103": {exception(`^RuntimeError: cannot reuse already awaited coroutine`)},
		"AL104": {kind("coroutine-callback"), exception(`^TypeError: coroutines cannot be used with `)},
		"AL105": {
			exception(`^TypeError: '[^']*' object does not support the (asynchronous )?context manager protocol`),
			exception(`^TypeError: '[^']*' object is not (async )?iterable`),
			exception(`^AttributeError: (__enter__|__exit__|__iter__|__next__)$`),
		},
		"AL151": {leak},
		"AL152": {leak},
		"AL153": {leak},
		"AL154": {leak, kind("data-race")},
		// A goroutine blocked on a sync primitive nothing else can reach,
		// or a Run function that deadlocks on itself.
		"AL155": {blockedIn(`sync\.(RW)?Mutex\.R?Lock`), kind("hang")},
		"AL156": {blockedIn(`sync\.WaitGroup\.Wait`), kind("hang")},
		"AL157": {blockedIn(`sync\.Cond\.Wait`), kind("hang")},
		// blockingcall
		"AL201": {kind("blocking-in-coroutine")},
		"AL202": {kind("blocking-via-helper")},
		"AL203": {kind("blocking-in-callback")},
		"AL204": {kind("hang")},
		"AL251": {kind("hang")},
		// looppassing
		"AL301": {exception(`^TypeError: .*unexpected keyword argument 'loop'`)},
		"AL302": {kind("running-loop"), kind("policy-loop")},
		"AL303": {Evidence{Kind: "deprecation", Detail: regexp.MustCompile(`There is no current event loop`)}},
		"AL304": {exception(`^RuntimeError: (asyncio\.run\(\) cannot be called from a running event loop|This event loop is already running|Cannot run the event loop while another loop is running)`)},
		"AL305": {kind("context-lost")},
		"AL306": {
			exception(`^AttributeError: module 'asyncio' has no attribute '(coroutine|async)'`),
			exception(`^AttributeError: type object '[^']*Task' has no attribute '(current_task|all_tasks)'`),
		},
		"AL351": {kind("hang")},
		"AL352": {leak, kind("hang")},
		// wraptypes
		"AL401": {exception(`^TypeError: object .* can't be used in 'await' expression`)},
		"AL402": {
			exception(`^TypeError: An asyncio\.Future, a coroutine or an awaitable is required`),
			exception(`^AttributeError: '[^']*' object has no attribute '(_condition|_waiters|_state|_asyncio_future_blocking)'`),
			kind("hang"),
		},
		"AL403": {exception(`^TypeError: Passing coroutines is forbidden`), exception(`^AssertionError\b`)},
		"AL404": {exception(`^InvalidStateError\b`)},
	}
}

// rulesConfirmedBy lists, sorted, the codes of one language an event is
// evidence for (Python rules are x01–x49, Go rules x51–x99).
func rulesConfirmedBy(table map[string][]Evidence, goRules bool, e Event) []string {
	var codes []string
	for code, evs := range table {
		if (code[3] >= '5') != goRules {
			continue
		}
		for _, ev := range evs {
			if ev.Confirms(e) {
				codes = append(codes, code)
				break
			}
		}
	}
	slices.Sort(codes)
	return codes
}
