package blockingcall

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// goRules: blocking calls a context cannot interrupt.
var goRules = []*asyncir.Rule{
	{Code: "AL251", Name: "uncancellable-blocking-call", Summary: "blocking call that cannot be cancelled in a function that has a context", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go, Fix: asyncir.FixAvailable(asyncir.DisplayOnly)},
}

// runGo reports AL251: in a function that can observe a context, a call
// the models say blocks without taking one.
func runGo(pass *asyncir.Pass) error {
	models := pass.Program.Models
	for _, f := range pass.Module.Funcs {
		if !f.HasContext {
			continue
		}
		var cfg *asyncir.CFG
		f.Ops(func(op *asyncir.Op) {
			if op.Kind != asyncir.OpCall {
				return
			}
			m := models.API(op.External)
			if m == nil || !m.Blocks || takesContext(op) {
				return
			}
			// exec.CommandContext(ctx, ...).Run(): the receiver was made
			// with the context, so the method observes it.
			if op.Recv != nil && op.Recv.Def != nil && takesContext(op.Recv.Def) {
				return
			}
			// req, _ := http.NewRequest(...); client.Do(req.WithContext(ctx)):
			// the result is handed a context before it is used.
			if laterGetsContext(op.Result) {
				return
			}
			// http.NewRequest blocks nothing until the request is sent.
			if m.BlocksWhenSent && !sent(models, op.Result) {
				return
			}
			delay, known := constDuration(op)
			checked := false
			if known {
				if cfg == nil {
					cfg = asyncir.NewCFG(f)
				}
				checked = checksContextEachTime(cfg, op)
				// A short sleep that runs once, or once per iteration of a
				// loop that checks the context, delays cancellation by at
				// most that sleep.
				if delay <= shortSleep && (checked || !cfg.InCycle(op.Block)) {
					return
				}
			}
			name := shortName(op.External)
			consequence := "cancelling the context does not interrupt it"
			switch {
			case checked:
				consequence += " (cancellation waits up to " + delay.String() + ")"
			case known:
				consequence += " (it sleeps up to " + delay.String() + " a call)"
			}
			d := asyncir.Diagnostic{
				Code:     "AL251",
				Severity: asyncir.SeverityWarning,
				Range:    op.Range,
				Message:  fmt.Sprintf("`%s` blocks without observing `%s`: %s", name, f.ContextName, consequence),
			}
			if m.Replacement != "" {
				d.Fixes = []asyncir.Fix{{Title: "Use " + m.Replacement, Applicability: asyncir.DisplayOnly}}
			}
			pass.Report(d)
		})
	}
	return nil
}

// shortSleep is the longest sleep that runs once, or once per iteration of
// a loop that checks its context, without being reported: cancellation is
// then noticed within that delay.
const shortSleep = time.Second

// constDuration is the duration of a sleep whose argument is a constant.
func constDuration(op *asyncir.Op) (time.Duration, bool) {
	if op.External != "time.Sleep" || len(op.Args) != 1 || op.Args[0] == nil || op.Args[0].Const() == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(op.Args[0].Const(), 10, 64)
	return time.Duration(n), err == nil
}

// checksContextEachTime reports whether op sits in a loop, and every way
// around that loop back to op calls ctx.Err() or ctx.Done().
func checksContextEachTime(cfg *asyncir.CFG, op *asyncir.Op) bool {
	if !cfg.InCycle(op.Block) {
		return false
	}
	return !asyncir.Reaches(op, op, (*asyncir.Op).AsksContextDone)
}

// sent reports whether the request a call built (its first result) is
// sent by a call that performs it (Client.Do).
func sent(models *asyncir.Models, v *asyncir.Value) bool {
	if v != nil && len(v.Elems()) > 0 {
		v = v.Elems()[0]
	}
	if v == nil {
		return false
	}
	for _, u := range v.Uses {
		if u.Kind != asyncir.UseArg || u.Op.Kind != asyncir.OpCall {
			continue
		}
		if m := models.API(u.Op.External); m != nil && m.SendsRequest {
			return true
		}
	}
	return false
}

// laterGetsContext reports whether v (or, for a tuple, its first element)
// is the receiver of a call that takes a context.
func laterGetsContext(v *asyncir.Value) bool {
	if v == nil {
		return false
	}
	vals := []*asyncir.Value{v}
	if len(v.Elems()) > 0 {
		vals = append(vals, v.Elems()[0])
	}
	for _, x := range vals {
		if x == nil {
			continue
		}
		for _, u := range x.Uses {
			if u.Kind == asyncir.UseRecv && u.Op.Kind == asyncir.OpCall && takesContext(u.Op) {
				return true
			}
		}
	}
	return false
}

func takesContext(op *asyncir.Op) bool {
	for _, a := range op.Args {
		if a != nil && a.Type().Await == asyncir.Context {
			return true
		}
	}
	return false
}

// shortName drops the package path's directories: net/http.Get → http.Get.
func shortName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}
