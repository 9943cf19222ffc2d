package gofront_test

import (
	"path/filepath"
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
		"neverawaited/future", "neverawaited/futureuse", "neverawaited/group")
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
