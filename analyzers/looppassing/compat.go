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
	for _, h := range op.Func().Blocks {
		if h.Handler && asyncir.Dominates(h, op.Block) && catchesMissingFeature(h) {
			return true
		}
	}
	return false
}

// fallsBackOn reports whether op, in a try body, has a handler for a
// missing API that uses replacement ("try: tasks = asyncio.Task.all_tasks()
// / except AttributeError: tasks = asyncio.all_tasks()"): where op's API is
// gone, the AttributeError it raises is what that handler is for.
func fallsBackOn(op *asyncir.Op, replacement string) bool {
	if replacement == "" {
		return false
	}
	for _, h := range op.Block.Handlers {
		if !catchesMissingFeature(h) {
			continue
		}
		for _, b := range op.Func().Blocks {
			if !asyncir.Dominates(h, b) {
				continue
			}
			for _, o := range b.Ops {
				if apiUsed(o) == replacement {
					return true
				}
			}
		}
	}
	return false
}

func catchesMissingFeature(h *asyncir.Block) bool {
	for _, c := range h.Catch() {
		if missingFeature[c.Type().External] {
			return true
		}
	}
	return false
}
