package neverawaited

import (
	"fmt"
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
)

// checkFieldReceiveLeaks reports AL152 for a channel held in an
// unexported struct field that nothing in the package closes, when every
// send on it is a select case of a goroutine beside a case that leaves
// (the stop channel, ctx.Done): once that goroutine takes the other case
// nobody sends again, and a receive of the field outside a select (Wait
// reading w.dataCh after Stop) blocks forever. The mirror of
// checkFieldSendLeaks.
func checkFieldReceiveLeaks(pass *asyncir.Pass) {
	type fieldUse struct {
		recvs   []*asyncir.Op // outside a select
		sends   []*asyncir.Op // select cases
		unknown bool          // a close, a plain send, or handed on
	}
	fields := map[string]*fieldUse{}
	var order []string
	spawned := map[*asyncir.Func]bool{}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpSpawn && op.Callee != nil {
				spawned[op.Callee] = true
			}
			for _, v := range opChannels(op) {
				if v.Track == nil || v.Track.Field == "" {
					continue
				}
				u := fields[v.Track.Field]
				if u == nil {
					u = &fieldUse{}
					fields[v.Track.Field] = u
					order = append(order, v.Track.Field)
				}
				switch {
				case v.Track.Escapes:
					u.unknown = true
				case op.Receives(v) && op.Select() == nil && op.Kind != asyncir.OpDrain:
					u.recvs = append(u.recvs, op)
				case op.Sends(v) && op.Select() != nil:
					u.sends = append(u.sends, op)
				case op.Kind == asyncir.OpSelect, op.Receives(v), op.Kind == asyncir.OpDrain:
				default:
					u.unknown = true
				}
			}
		})
	}
	for _, key := range order {
		u := fields[key]
		if u.unknown || token.IsExported(lastDot(key)) || len(u.sends) == 0 || len(u.recvs) == 0 {
			continue
		}
		var leave *asyncir.Op
		for _, s := range u.sends {
			l := leavingCase(s)
			if l == nil || !spawned[s.Func()] {
				leave = nil
				break
			}
			if leave == nil {
				leave = l
			}
		}
		if leave == nil {
			continue // some sender keeps sending, or is no goroutine
		}
		for _, r := range u.recvs {
			if receivesItself(r.Func(), u.sends) {
				continue // its own sender
			}
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: r.Range,
				Message: fmt.Sprintf("`%s` can block forever receiving from `%s`: its sender, goroutine `%s`, can stop sending, and nothing closes it",
					r.Func().QualName, fieldName(key), leave.Func().QualName),
				Related: []asyncir.Related{{Range: leave.Range, Message: "`" + leave.Func().QualName + "` stops sending when this case fires"}},
			})
		}
	}
}
