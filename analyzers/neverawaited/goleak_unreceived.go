package neverawaited

import (
	"fmt"
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
)

// checkUnreceivedFields reports AL151 for a goroutine that sends, in a
// loop and outside a select, on a channel held in an unexported struct
// field that no code of the package ever receives from, closes or hands
// on: whatever its buffer, a later send blocks forever (an error channel
// a message loop fills and nobody reads).
func checkUnreceivedFields(pass *asyncir.Pass) {
	type fieldUse struct {
		sends    []*asyncir.Op // plain sends in a loop of a goroutine
		made     bool          // assigned a channel it makes
		received bool          // received from, closed, or handed on
	}
	var fields byField[fieldUse]
	use := fields.use
	starts := goroutineStarts(pass)
	for _, f := range pass.Module.Funcs {
		var cfg *asyncir.CFG
		f.Ops(func(op *asyncir.Op) {
			if op.StoresChannelField() {
				u := use(op.Attr)
				if t := op.Operand.Track; t != nil && t.Made && !t.Escapes && t.Field == "" && onlyStored(op.Operand) {
					u.made = true
				} else {
					u.received = true // a channel from elsewhere: who reads it is not known
				}
				return
			}
			for _, v := range opChannels(op) {
				if v.Track == nil || v.Track.Field == "" {
					continue
				}
				u := use(v.Track.Field)
				switch {
				case op.Kind == asyncir.OpSelect:
				case op.IsPlainSend(v) && starts[f] != nil:
					if cfg == nil {
						cfg = asyncir.NewCFG(f)
					}
					if len(cfg.LoopHeaders(op.Block)) > 0 {
						u.sends = append(u.sends, op)
					}
				case op.Sends(v) && op.Operand != v:
				default:
					u.received = true // a receive, close, or hand-off
				}
			}
		})
	}
	for _, key := range fields.order {
		u := fields.records[key]
		if u.received || !u.made || len(u.sends) == 0 || token.IsExported(lastDot(key)) {
			continue
		}
		for _, s := range u.sends {
			report(pass, asyncir.Diagnostic{
				Code:  "AL151",
				Range: s.Range,
				Message: fmt.Sprintf("goroutine `%s` can block forever sending on `%s`: nothing in the package ever receives from it, and the sends repeat until its buffer is full",
					s.Func().QualName, fieldName(key)),
			})
		}
	}
}

// onlyStored reports whether every use of v, a channel the function
// makes, stores it in a field: the function itself never receives from
// it through the variable (a request's reply channel it waits on).
func onlyStored(v *asyncir.Value) bool {
	for _, u := range v.Uses {
		if u.Op.Kind != asyncir.OpStore {
			return false
		}
	}
	return true
}
