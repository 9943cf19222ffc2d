package gofront_test

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers/blockingcall"
	"github.com/asynclint/asynclint/analyzers/looppassing"
	"github.com/asynclint/asynclint/analyzers/neverawaited"
	"github.com/asynclint/asynclint/analyzers/wraptypes"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/gofront"
	"golang.org/x/tools/go/analysis/analysistest"
)

// testdata is the analysistest GOPATH of the Go cases.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../testdata/go")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func run(t *testing.T, a *asyncir.Analyzer, pkgs ...string) {
	t.Helper()
	t.Parallel()
	analysistest.Run(t, testdata(t), gofront.Adapt(a, nil), pkgs...)
}

func TestNeverAwaited(t *testing.T) {
	run(t, neverawaited.Analyzer,
		"neverawaited/sendleak", "neverawaited/recvleak",
		"neverawaited/future", "neverawaited/futureuse", "neverawaited/group",
		"neverawaited/outcome", "neverawaited/locks", "neverawaited/waitgroups",
		"neverawaited/conds", "neverawaited/returned", "neverawaited/fields",
		"neverawaited/reply", "neverawaited/nilchan",
		"neverawaited/chanshapes", "neverawaited/lockshapes", "neverawaited/waitshapes",
		"neverawaited/crosslock", "neverawaited/kernels", "neverawaited/mainexit",
		"neverawaited/closers", "neverawaited/requests")
}

func TestBlockingCall(t *testing.T) {
	run(t, blockingcall.Analyzer, "blockingcall/uncancellable")
}

func TestLoopPassing(t *testing.T) {
	run(t, looppassing.Analyzer, "looppassing/detached", "looppassing/ignorectx")
}

func TestWrapTypes(t *testing.T) {
	run(t, wraptypes.Analyzer, "wraptypes/groupctx")
}

// TestLeakOnTestFailureIsTagged: a leak only on a path after t.Errorf
// carries the fact the policy layer makes info, one only after a timer's
// case fired in a function that fails the test the fact it makes info
// in tests; the other leaks of the package (a ctx.Done() case is no
// timeout, a helper giving up on a timer as its work is no guard) carry
// none.
func TestLeakOnTestFailureIsTagged(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, testdata(t), gofront.Adapt(neverawaited.Analyzer, nil), "neverawaited/outcome")
	n := 0
	for _, r := range results {
		ds, _ := r.Result.([]asyncir.Diagnostic)
		for _, d := range ds {
			n++
			want := ""
			if strings.Contains(d.Message, "waitResult") || strings.Contains(d.Message, "checkReplies") || strings.Contains(d.Message, "echoOnce") { // waitResultAssert too
				want = asyncir.FactAfterTestFailure
			}
			if strings.Contains(d.Message, "waitThenCheck") {
				want = asyncir.FactAfterTimeout
			}
			if d.Fact != want {
				t.Errorf("%s: fact %q, want %q", d.Message, d.Fact, want)
			}
		}
	}
	if n != 9 {
		t.Errorf("%d diagnostics, want 9", n)
	}
}

// TestUnwaitedWorkSeeingContextIsTagged: a group left unwaited only once
// the function found its context done, whose goroutines are all handed
// that context, carries the fact the policy layer makes info; a group
// also left on an error of its own, or whose work sees no context, does
// not.
func TestUnwaitedWorkSeeingContextIsTagged(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, testdata(t), gofront.Adapt(neverawaited.Analyzer, nil), "neverawaited/group")
	tagged := map[string]bool{}
	for _, r := range results {
		ds, _ := r.Result.([]asyncir.Diagnostic)
		for _, d := range ds {
			fn := strings.Split(d.Message, "`")[3]
			tagged[fn] = d.Fact == asyncir.FactWorkSeesContext
		}
	}
	want := map[string]bool{"errgroupEarlyReturn": false, "newGroupEarlyReturn": false, "waitGroupEarlyReturn": false,
		"cleanupCycle": true, "cleanupUntilDone": true, "cleanupOrFail": false, "subscribeOtherFlag": false}
	if !maps.Equal(tagged, want) {
		t.Errorf("tagged %v, want %v", tagged, want)
	}
}
