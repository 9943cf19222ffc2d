package neverawaited

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkFieldSendLeaks reports AL151 for a channel held in an unexported
// struct field (n.out), judged over the whole package: a goroutine sends
// on it outside a select, while every receive of it is a select case next
// to a case that leaves the receiving function (a stop channel, ctx.Done,
// a timeout). Once the receiver takes that other case nobody receives,
// and the sender's next send blocks forever.
func checkFieldSendLeaks(pass *asyncir.Pass) {
	type fieldUse struct {
		sends    []*asyncir.Op // outside a select
		recvs    []*asyncir.Op // select cases
		buffered bool          // made with a buffer (or one not known)
		unknown  bool          // a use the rule does not follow
	}
	var fields byField[fieldUse]
	use := fields.use
	spawned := map[*asyncir.Func]bool{}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpSpawn && op.Callee != nil {
				spawned[op.Callee] = true
			}
			if op.StoresChannelField() {
				u := use(op.Attr)
				t := op.Operand.Track
				u.buffered = u.buffered || t == nil || !t.Made || t.Cap != 0
			}
		})
	}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			for _, v := range opChannels(op) {
				if v.Track == nil || v.Track.Field == "" {
					continue
				}
				u := use(v.Track.Field)
				switch {
				case v.Track.Escapes:
					u.unknown = true
				case op.IsPlainSend(v):
					u.sends = append(u.sends, op)
				case op.Receives(v):
					u.recvs = append(u.recvs, op)
				case op.Kind == asyncir.OpSelect, op.Sends(v), op.Kind == asyncir.OpDrain:
				case op.Kind == asyncir.OpStore && op.Attr == v.Track.Field:
					// A channel filed in a map field: the store is how
					// the field gets it.
				default:
					u.unknown = true // a close, or handed on
				}
			}
		})
	}
	for _, key := range fields.order {
		u := fields.records[key]
		name := key[strings.LastIndex(key, ".")+1:]
		// A buffer's slack may be all the sender ever needs: only
		// unbuffered fields are judged.
		if u.unknown || u.buffered || token.IsExported(name) || len(u.sends) == 0 || len(u.recvs) == 0 {
			continue
		}
		var leave *asyncir.Op
		for _, r := range u.recvs {
			if l := stopsReceiving(r); l == nil {
				leave = nil
				break
			} else if leave == nil {
				leave = l
			}
		}
		if leave == nil {
			continue // some receiver never stops receiving
		}
		for _, s := range u.sends {
			g := s.Func()
			if !spawned[g] || receivesItself(g, u.recvs) {
				continue // not a goroutine, or its own receiver
			}
			how, where := "select on other cases and can stop receiving", "stops receiving when this case fires"
			if leave.Kind == asyncir.OpReturn {
				how, where = "can return from their receiving loop", "returns here, and stops receiving"
			}
			report(pass, asyncir.Diagnostic{
				Code:    "AL151",
				Range:   s.Range,
				Message: fmt.Sprintf("goroutine `%s` can block forever sending on `%s`: its receivers %s", g.QualName, fieldName(key), how),
				Related: []asyncir.Related{{Range: leave.Range, Message: "`" + leave.Func().QualName + "` " + where}},
			})
		}
	}
}

func receivesItself(g *asyncir.Func, recvs []*asyncir.Op) bool {
	for _, r := range recvs {
		if r.Func() == g {
			return true
		}
	}
	return false
}

// opChannels lists the channels op operates on.
func opChannels(op *asyncir.Op) []*asyncir.Value {
	var out []*asyncir.Value
	add := func(v *asyncir.Value) {
		if v != nil && v.Type().Await == asyncir.Channel {
			out = append(out, v)
		}
	}
	switch op.Kind {
	case asyncir.OpSend:
		add(op.Recv)
		add(op.Operand)
	case asyncir.OpAwait, asyncir.OpDrain, asyncir.OpClose:
		add(op.Operand)
	case asyncir.OpSelect:
	default:
		add(op.Recv)
		for _, a := range op.Args {
			add(a)
		}
		for _, c := range op.Captures() {
			add(c)
		}
		add(op.Operand)
	}
	return out
}

// stopsReceiving returns where the function receiving with r can stop
// receiving: another case of r's select that leaves, or, for a receive
// outside a select in a loop (a range), a return from inside the loop
// before the channel is closed; nil when it keeps receiving.
func stopsReceiving(r *asyncir.Op) *asyncir.Op {
	if r.Select() != nil {
		return leavingCase(r)
	}
	cfg := asyncir.NewCFG(r.Func())
	if len(cfg.LoopHeaders(r.Block)) == 0 {
		return nil // one receive: how many the senders send is not known here
	}
	c, exit := asyncir.CheapestExit(r, asyncir.PathCost{
		Op: func(o *asyncir.Op) int {
			if o.Kind == asyncir.OpDrain {
				return asyncir.Inf
			}
			return 0
		},
		Edge: func(from, to *asyncir.Block) int {
			if from.DecidesLoop() && len(from.Succs) > 0 && to != from.Succs[0] {
				return asyncir.Inf // a counted loop
			}
			return 0
		},
	})
	if c >= asyncir.Inf {
		return nil
	}
	return asyncir.ExitOp(exit)
}

// leavingCase returns another case of r's select, one that can fire,
// after which the function can return without coming back to that
// select, or nil.
func leavingCase(r *asyncir.Op) *asyncir.Op {
	sel := r.Select()
	var found *asyncir.Op
	r.Func().Ops(func(o *asyncir.Op) {
		if found != nil || o.Select() != sel || o == r {
			return
		}
		if ctx := doneContext(o); ctx != nil && ctx.Track.NeverDone {
			return // the Done of a context nothing cancels never fires
		}
		c, _ := asyncir.CheapestExit(o, asyncir.PathCost{Op: func(x *asyncir.Op) int {
			if x == sel {
				return asyncir.Inf
			}
			return 0
		}})
		if c < asyncir.Inf {
			found = o
		}
	})
	return found
}
