package neverawaited

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkDiscardedFutures reports AL153: a call whose result is a channel a
// goroutine of the callee blocks to send on, with the result unused.
func checkDiscardedFutures(pass *asyncir.Pass, f *asyncir.Func) {
	f.Ops(func(op *asyncir.Op) {
		if op.Kind != asyncir.OpCall || op.Result == nil {
			return
		}
		t := op.Result.Track
		if t == nil || !t.Future || len(op.Result.Uses) > 0 {
			return
		}
		name := trimPath(op.External)
		if op.Callee != nil {
			name = op.Callee.QualName
		}
		report(pass, asyncir.Diagnostic{
			Code:    "AL153",
			Range:   op.Range,
			Message: fmt.Sprintf("result channel of `%s` is discarded: the goroutine that sends on it blocks forever", name),
		})
	})
}

// trimPath drops the package path's directories: net/http.Get → http.Get.
func trimPath(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}
