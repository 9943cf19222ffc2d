package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkAwaitConcurrent reports AL401: await on a concurrent.futures
// future, which has no __await__.
func checkAwaitConcurrent(pass *asyncir.Pass, op *asyncir.Op) {
	v := op.Operand
	if v == nil || v.Type().Kind != asyncir.Instance || v.Type().Await != asyncir.ConcurrentFuture {
		return
	}
	pass.Report(asyncir.Diagnostic{Code: "AL401", Severity: asyncir.SeverityError, Range: op.Range,
		Message: fmt.Sprintf("concurrent.futures future %s is awaited; it is not awaitable and raises TypeError; use `await asyncio.wrap_future(...)` or `loop.run_in_executor`", describe(v))})
}
