package looppassing

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkLoopKeyword reports AL301: loop= given to an API that removed it.
// From the removal version on the call raises TypeError (an error);
// before it, the argument is deprecated (a warning).
func checkLoopKeyword(pass *asyncir.Pass, op *asyncir.Op) {
	api := pass.Program.Models.API(op.External)
	if api == nil || api.LoopRemoved == 0 || op.ExpectRaise || !op.Block.Versions.RunsFrom(max(pass.Config.TargetVersion, api.LoopRemoved)) {
		// A test that expects the call to raise (assertRaises) checks
		// the removal. Code under a version test that keeps it off the versions
		// without loop= (and off the target's) is version-specific on
		// purpose.
		return
	}
	for _, kw := range op.Keywords() {
		if kw.Name != "loop" {
			continue
		}
		sev, consequence := asyncir.SeverityWarning, fmt.Sprintf("deprecated since 3.8 and a TypeError from Python %s", api.LoopRemoved)
		// Dropping the argument is what every version from 3.10 needs;
		// before, it changes which loop a primitive binds to when the
		// passed loop is not the running one.
		fix := asyncir.Unsafe
		if pass.Config.TargetVersion >= api.LoopRemoved {
			sev, consequence, fix = asyncir.SeverityError, fmt.Sprintf("it raises TypeError on Python %s and later", api.LoopRemoved), asyncir.Safe
		}
		d := asyncir.Diagnostic{Code: "AL301", Severity: sev, Range: kw.Range,
			Message: fmt.Sprintf("`%s` no longer takes `loop=`; %s", api.Name, consequence)}
		if kw.Delete.IsValid() && !op.Star {
			d.Fixes = []asyncir.Fix{{Title: "Remove the `loop` argument", Applicability: fix,
				Edits: []asyncir.Edit{{Range: kw.Delete}}}}
		}
		pass.Report(d)
	}
}
