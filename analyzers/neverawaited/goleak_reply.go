package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// repliers finds, across the package, the code that answers requests on
// reply channels: a plain send on a channel received from a request
// channel (chan chan T), or on a reply channel held in a request
// struct's field (r.reply <- v). Keys are field keys (Tracking.Field).
type repliers struct {
	viaRequest map[string]*asyncir.Op // request channel field → the send on what it delivers
	viaField   map[string]*asyncir.Op // reply field → the send on it
}

func findRepliers(m *asyncir.Module) repliers {
	r := repliers{viaRequest: map[string]*asyncir.Op{}, viaField: map[string]*asyncir.Op{}}
	selectSent := map[string]bool{}
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			switch {
			case op.Kind == asyncir.OpSend && op.Recv != nil && op.Recv.Track != nil && op.Recv.Track.Field != "":
				if key := op.Recv.Track.Field; op.Select() != nil || !received(op.Recv.Track.Root) {
					// Not a reply field of a received request.
					selectSent[key] = true
				} else if r.viaField[key] == nil {
					r.viaField[key] = op
				}
			case op.Kind == asyncir.OpAwait && op.Operand != nil && op.Operand.Track != nil && op.Operand.Track.Field != "" && op.Result != nil:
				for _, v := range append([]*asyncir.Value{op.Result}, op.Result.Elems()...) {
					if send := plainSendOn(v); send != nil && r.viaRequest[op.Operand.Track.Field] == nil {
						r.viaRequest[op.Operand.Track.Field] = send
					}
				}
			}
		})
	}
	// A replier that also selects may give up on the reply: not judged.
	for key := range selectSent {
		delete(r.viaField, key)
	}
	return r
}

// received reports whether v came out of a channel (a request).
func received(v *asyncir.Value) bool {
	return v != nil && v.Def != nil && v.Def.Kind == asyncir.OpAwait
}

// plainSendOn is a send on v outside a select, or nil; v must be a
// channel whose every use is a send.
func plainSendOn(v *asyncir.Value) *asyncir.Op {
	if v == nil || v.Type().Await != asyncir.Channel || v.Track == nil || v.Track.Escapes {
		return nil
	}
	var send *asyncir.Op
	for _, u := range v.Uses {
		switch {
		case u.Op.IsPlainSend(v):
			if send == nil {
				send = u.Op
			}
		default:
			return nil
		}
	}
	return send
}

// checkReplyLeaks reports AL151 for a reply channel f makes and hands to
// a replier of the package (sent over a request channel, or stored in a
// request's reply field): the replier sends one value outside a select,
// so when f can stop waiting first (a timeout, ctx.Done), the replier
// blocks forever, and with it every request behind it.
func checkReplyLeaks(pass *asyncir.Pass, f *asyncir.Func, cfg *asyncir.CFG, rs repliers) {
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		if ch.Track.Cap != 0 {
			continue
		}
		var handoff, send *asyncir.Op
		ok := true
		for _, u := range ch.Uses {
			op := u.Op
			switch {
			case op.Receives(ch), op.Kind == asyncir.OpSelect, op.Kind == asyncir.OpDrain:
			case op.Kind == asyncir.OpStore && rs.viaField[op.Attr] != nil && handoff == nil:
				handoff, send = op, rs.viaField[op.Attr]
			case op.Kind == asyncir.OpSend && op.Operand == ch && op.Recv != nil && op.Recv.Track != nil && rs.viaRequest[op.Recv.Track.Field] != nil && handoff == nil:
				handoff, send = op, rs.viaRequest[op.Recv.Track.Field]
			default:
				ok = false
			}
		}
		if !ok || handoff == nil || handoff.Kind == asyncir.OpStore && !sentAfter(handoff) {
			continue
		}
		s := sendSummary{spawns: []*asyncir.Op{handoff}, bind: map[*asyncir.Op]*asyncir.Op{handoff: handoff}, total: 1}
		site, exit := leakingPath(f, cfg, []*asyncir.Value{ch}, s, nil)
		if site == nil {
			continue
		}
		rel := []asyncir.Related{{Range: handoff.Range, Message: "`" + f.QualName + "` hands its reply channel over here"}}
		report(pass, asyncir.Diagnostic{
			Code:    "AL151",
			Range:   send.Range,
			Message: fmt.Sprintf("`%s` can block forever sending a reply on %s: `%s` can return before receiving it", send.Func().QualName, chanName(ch), f.QualName),
			Related: append(rel, returnRelated(f, exit, "without receiving")...),
		})
	}
}

// sentAfter reports whether every path from the store of a reply
// channel into a request passes a plain send (the request's): a request
// offered in a select with a default, or sent on some paths only, may
// never reach the replier.
func sentAfter(store *asyncir.Op) bool {
	c, _ := asyncir.CheapestExit(store, asyncir.PathCost{Op: func(o *asyncir.Op) int {
		if o.Kind == asyncir.OpSend && o.Select() == nil {
			return asyncir.Inf
		}
		return 0
	}})
	return c >= asyncir.Inf
}
