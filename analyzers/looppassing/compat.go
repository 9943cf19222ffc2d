package looppassing

import "github.com/asynclint/asynclint/asyncir"

// missingFeature are the exceptions that say an API does not exist on the
// running Python: their handlers are compatibility fallbacks.
var missingFeature = map[string]bool{"builtins.AttributeError": true, "builtins.ImportError": true,
	"builtins.ModuleNotFoundError": true, "builtins.NameError": true}

// inFeatureFallback reports whether op runs only in an except clause for
// a missing API ("try: current_task = asyncio.current_task / except
// AttributeError: current_task = asyncio.Task.current_task"): there the
// legacy spelling is what old versions need, and newer ones never run it.
func inFeatureFallback(op *asyncir.Op) bool {
	f := op.Func()
	for _, h := range f.Blocks {
		if !h.Handler || !asyncir.Dominates(h, op.Block) {
			continue
		}
		for _, c := range h.Catch {
			if missingFeature[c.Type().External] {
				return true
			}
		}
	}
	return false
}
