package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// directCtors are the asyncio classes that should come from a factory.
var directCtors = map[string]string{
	"asyncio.Task":   "asyncio.create_task()",
	"asyncio.Future": "loop.create_future()",
}

// checkDirectInstantiation reports AL405.
func checkDirectInstantiation(pass *asyncir.Pass, op *asyncir.Op) {
	use, ok := directCtors[op.External]
	if !ok || op.Class != nil {
		return
	}
	pass.Report(asyncir.Diagnostic{Code: "AL405", Severity: asyncir.SeverityWarning, Range: op.Range,
		Message: fmt.Sprintf("`%s` is instantiated directly; use `%s`, which binds it to the running loop (and lets the loop supply its own implementation)", op.External, use)})
}
