package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkStoppedTickers reports AL152 for a goroutine that receives from a
// time.Ticker's (or Timer's) channel in a loop it can leave only when the
// channel is closed, when the function that started it stops the ticker:
// Stop never closes the channel, so after Stop the goroutine waits
// forever.
func checkStoppedTickers(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	f.Ops(func(op *asyncir.Op) {
		st, ok := asyncir.StartOf(models, asyncir.Use{Kind: asyncir.UseArg, Op: op})
		if !ok || st.Site != op && op.Kind != asyncir.OpRef {
			return
		}
		g := st.Bind.Callee
		if g == nil || len(g.Blocks) == 0 {
			return
		}
		cfg := asyncir.NewCFG(g)
		g.Ops(func(r *asyncir.Op) {
			if r.Kind != asyncir.OpAwait || r.Select() != nil || r.Operand == nil || !asyncir.FromTimer(r.Operand) || r.Operand.Track == nil {
				return
			}
			// No way out of the loop but the channel's close; a single
			// receive waits for one tick, which never comes after Stop.
			if len(cfg.LoopHeaders(r.Block)) > 0 {
				if c, _ := asyncir.CheapestExit(r, asyncir.PathCost{Op: func(o *asyncir.Op) int {
					if o.Kind == asyncir.OpDrain {
						return asyncir.Inf
					}
					return 0
				}}); c < asyncir.Inf {
					return
				}
			}
			// The ticker is handed to the goroutine, or the goroutine
			// reads it from a field of what it is handed (l.timer.C).
			var stop *asyncir.Op
			i := asyncir.InputOf(g, asyncir.Place{Root: r.Operand.Track.Root})
			if ticker := asyncir.Bound(st.Bind, i); i >= 0 && ticker != nil {
				if len(cfg.LoopHeaders(r.Block)) == 0 {
					return // a ticker of its own: its one tick comes unless stopped first, which f decides
				}
				if stop = stopCall(ticker); stop == nil {
					stop = fieldStopCall(pass.Module, ticker)
				}
			} else if r.Operand.Track.Root != nil && !fieldReset(pass.Module, r.Operand.Track.Root) {
				stop = fieldStopCall(pass.Module, r.Operand.Track.Root)
			}
			if stop == nil {
				return
			}
			stopper := stop.Func()
			waitWhat := fmt.Sprintf("receives from `%s` until it is closed, which never happens", trimPath(r.Operand.Type().OriginName))
			if len(cfg.LoopHeaders(r.Block)) == 0 {
				waitWhat = fmt.Sprintf("waits on `%s` for a tick that may never come", trimPath(r.Operand.Type().OriginName))
			}
			report(pass, asyncir.Diagnostic{
				Code:    "AL152",
				Range:   r.Range,
				Message: fmt.Sprintf("goroutine `%s` %s: after `%s` stops it, the goroutine blocks forever", g.QualName, waitWhat, stopper.QualName),
				Related: []asyncir.Related{
					{Range: stop.Range, Message: "stopped here; Stop does not close the channel"},
					{Range: st.Site.Range, Message: "the goroutine is started here"},
				},
			})
		})
	})
}

// stopCall is a call (or defer) of Stop on the ticker or timer v.
func stopCall(v *asyncir.Value) *asyncir.Op {
	for _, u := range v.Uses {
		if u.Kind == asyncir.UseRecv && (u.Op.External == "time.Ticker.Stop" || u.Op.External == "time.Timer.Stop") {
			return u.Op
		}
	}
	return nil
}

// fieldStopCall is a call (or defer) of Stop, anywhere in the module, on
// the ticker or timer held in the struct field v was loaded from
// (c.ticker.Stop() in Stop, for the c.ticker that Start hands to the
// goroutine); nil when v comes from no field.
func fieldStopCall(m *asyncir.Module, v *asyncir.Value) *asyncir.Op {
	key := heldIn(v)
	if key == "" {
		return nil
	}
	var found *asyncir.Op
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if found == nil && (op.External == "time.Ticker.Stop" || op.External == "time.Timer.Stop") && op.Recv != nil && heldIn(op.Recv) == key {
				found = op
			}
		})
	}
	return found
}

// fieldReset reports whether some code of the module resets the ticker
// or timer held in the struct field v was loaded from: after a Reset its
// channel delivers again.
func fieldReset(m *asyncir.Module, v *asyncir.Value) bool {
	key := heldIn(v)
	found := false
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			found = found || (op.External == "time.Ticker.Reset" || op.External == "time.Timer.Reset") && op.Recv != nil && heldIn(op.Recv) == key
		})
	}
	return found
}

// heldIn names the struct field a value was loaded from, the same for
// every value of the struct ("pkg.T.ticker*"); "" when not known.
func heldIn(v *asyncir.Value) string {
	pl := v.From()
	if pl == nil || pl.Root == nil || pl.Root.Type().External == "" {
		return ""
	}
	return pl.Root.Type().External + pl.Path
}
