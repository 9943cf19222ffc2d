package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// goRules: the context a group derives, used past the group's life.
var goRules = []*asyncir.Rule{
	{Code: "AL451", Name: "group-context-used-after-wait", Summary: "context derived by errgroup.WithContext used after Wait cancelled it", Severity: asyncir.SeverityError, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
}

// runGo reports AL451: a use of the context returned with a group, on a
// path after the group's Wait (which cancels it) and before it is made
// again.
func runGo(pass *asyncir.Pass) error {
	models := pass.Program.Models
	for _, f := range pass.Module.Funcs {
		f.Ops(func(mk *asyncir.Op) {
			if mk.Kind != asyncir.OpCall || mk.Result == nil || len(mk.Result.Elems()) < 2 {
				return
			}
			if m := models.API(mk.External); m == nil || !m.CancelledByWait {
				return
			}
			group, ctx := mk.Result.Elems()[0], mk.Result.Elems()[1]
			if group == nil || ctx == nil {
				return
			}
			var waits []*asyncir.Op
			for _, u := range group.Uses {
				if m := models.API(u.Op.External); u.Kind == asyncir.UseRecv && u.Op.Kind == asyncir.OpCall && m != nil && m.Waits {
					waits = append(waits, u.Op)
				}
			}
			remade := func(op *asyncir.Op) bool { return op == mk }
			for _, w := range waits {
				for _, u := range ctx.Uses {
					if u.Op.Func() != f || !asyncir.Reaches(w, u.Op, remade) {
						continue
					}
					name := "the group's context"
					if ctx.Track != nil && ctx.Track.Name != "" {
						name = "`" + ctx.Track.Name + "`"
					}
					gname := "the group"
					if group.Track != nil && group.Track.Name != "" {
						gname = "`" + group.Track.Name + "`"
					}
					pass.Report(asyncir.Diagnostic{
						Code:     "AL451",
						Severity: asyncir.SeverityError,
						Range:    u.Op.Range,
						Message:  fmt.Sprintf("%s is used after %s.Wait returned: the context errgroup.WithContext derived is already cancelled", name, gname),
						Related:  []asyncir.Related{{Range: w.Range, Message: "Wait cancels the context here"}, {Range: mk.Range, Message: "derived here"}},
					})
					return
				}
			}
		})
	}
	return nil
}
