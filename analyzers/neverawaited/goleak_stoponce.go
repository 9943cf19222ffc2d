package neverawaited

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkStopSentOnce reports AL152 for a stop channel held in an
// unexported struct field that several goroutines wait on, when the
// package never closes it and only sends on it once (a single send, in
// no loop): the send tells one of them, and the others wait forever. A
// stop signal for many is a close.
func checkStopSentOnce(pass *asyncir.Pass) {
	type fieldUse struct {
		sends   []*asyncir.Op
		recvs   []*asyncir.Op
		unknown bool // a close, a channel not made here, or handed on
	}
	var fields byField[fieldUse]
	use := fields.use
	var spawns []*asyncir.Op
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpSpawn && op.Callee != nil {
				spawns = append(spawns, op)
			}
			if op.StoresChannelField() {
				if t := op.Operand.Track; t == nil || !t.Made {
					use(op.Attr).unknown = true
				}
			}
			for _, v := range opChannels(op) {
				if v.Track == nil || v.Track.Field == "" {
					continue
				}
				u := use(v.Track.Field)
				switch {
				case v.Track.Escapes:
					u.unknown = true
				case op.Sends(v):
					u.sends = append(u.sends, op)
				case op.Receives(v):
					u.recvs = append(u.recvs, op)
				case op.Kind == asyncir.OpSelect:
				case getterReturn(op, v):
				default:
					u.unknown = true // a close, a range, or handed on
				}
			}
		})
	}
	for _, key := range fields.order {
		u := fields.records[key]
		// The elements of a map or slice field (key "pkg.T.f[]") are
		// many channels, one per waiter: one send wakes its own.
		if u.unknown || token.IsExported(lastDot(key)) || strings.HasSuffix(key, "[]") || len(u.sends) != 1 || len(u.recvs) == 0 {
			continue
		}
		send := u.sends[0]
		if asyncir.NewCFG(send.Func()).InCycle(send.Block) {
			continue // a send per waiter
		}
		// Every receive is a goroutine's way out: it leaves after it.
		receivers := map[*asyncir.Func]bool{}
		for _, r := range u.recvs {
			if !leavesAfter(r) || r.Func() == send.Func() {
				receivers = nil
				break
			}
			receivers[r.Func()] = true
		}
		if receivers == nil {
			continue
		}
		waiting := goroutinesRunning(spawns, receivers)
		if waiting < 2 {
			continue
		}
		for _, r := range u.recvs {
			at := r // where the goroutine blocks: its select, for a case
			if r.Select() != nil {
				at = r.Select()
			}
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: at.Range,
				Message: fmt.Sprintf("goroutine `%s` can block forever waiting on `%s`: %s goroutines wait on it, and `%s` sends one value and never closes it",
					r.Func().QualName, fieldName(key), waitingCount(waiting), send.Func().QualName),
				Related: []asyncir.Related{{Range: send.Range, Message: "the only send: it wakes one waiter"}},
			})
		}
	}
}

// leavesAfter reports whether r's function returns after r without
// going round its loop again: r is the goroutine's way out, not a
// request it serves.
func leavesAfter(r *asyncir.Op) bool {
	cfg := asyncir.NewCFG(r.Func())
	heads := cfg.LoopHeaders(r.Block)
	c, _ := asyncir.CheapestExit(r, asyncir.PathCost{
		Op: func(x *asyncir.Op) int {
			if x == r || r.Select() != nil && x == r.Select() {
				return asyncir.Inf
			}
			return 0
		},
		Edge: func(from, to *asyncir.Block) int {
			for _, h := range heads {
				if to == h {
					return asyncir.Inf
				}
			}
			return 0
		},
	})
	return c < asyncir.Inf
}

// goroutinesRunning counts the goroutines one function starts running
// one of fs (the most any function starts): a go statement in a loop
// counts as many (3). Go statements in different functions start the
// goroutines of different values (two constructors), not of one.
func goroutinesRunning(spawns []*asyncir.Op, fs map[*asyncir.Func]bool) int {
	per := map[*asyncir.Func]int{}
	most := 0
	for _, s := range spawns {
		if !fs[s.Callee] {
			continue
		}
		if asyncir.NewCFG(s.Func()).InCycle(s.Block) {
			per[s.Func()] += 3
		} else {
			per[s.Func()]++
		}
		most = max(most, per[s.Func()])
	}
	return most
}

func waitingCount(n int) string {
	if n > 2 {
		return "several"
	}
	return "2"
}
