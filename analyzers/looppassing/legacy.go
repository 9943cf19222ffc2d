package looppassing

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkLegacy reports AL306 on a reference to a removed legacy API
// (@asyncio.coroutine, asyncio.Task.all_tasks, ...): an error when the
// target version no longer has it, legacy style before.
func checkLegacy(pass *asyncir.Pass, op *asyncir.Op) {
	api := pass.Program.Models.API(apiUsed(op))
	if api == nil || api.Removed == 0 || op.ExpectRaise || !op.Block.Versions.RunsFrom(max(pass.Config.TargetVersion, api.Removed)) ||
		inFeatureFallback(op) || fallsBackOn(op, api.ReplacedBy) {
		// Under a version test that keeps it off the versions without
		// the API (and off the target's), in the except clause that
		// runs where the new API is missing, or tried first with the
		// new API where it is missing: compatibility code. In a test
		// that expects it to raise (assertRaises): the point.
		return
	}
	sev, consequence := asyncir.SeverityInfo, fmt.Sprintf("it is removed in Python %s", api.Removed)
	if pass.Config.TargetVersion >= api.Removed {
		sev, consequence = asyncir.SeverityError, fmt.Sprintf("it was removed in Python %s and raises AttributeError", api.Removed)
	}
	pass.Report(asyncir.Diagnostic{Code: "AL306", Severity: sev, Range: op.Range,
		Message: fmt.Sprintf("legacy `%s` is used; %s; %s", api.Name, consequence, legacyFix[api.Name])})
}

// apiUsed is the API an op calls or refers to: asyncio.Task.all_tasks()
// is a call, `get = asyncio.Task.current_task` an attribute.
func apiUsed(op *asyncir.Op) string {
	if op.Kind != asyncir.OpCall && op.Result != nil {
		if t := op.Result.Type(); t.Kind == asyncir.FuncObj {
			return t.External
		}
	}
	return op.External
}

// legacyFix names the replacement of each legacy API, for messages.
var legacyFix = map[string]string{
	"asyncio.coroutine":         "use `async def` and `await`",
	"asyncio.async":             "use `asyncio.ensure_future`",
	"asyncio.Task.current_task": "use `asyncio.current_task()`",
	"asyncio.Task.all_tasks":    "use `asyncio.all_tasks()`",
}
