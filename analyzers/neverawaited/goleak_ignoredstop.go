package neverawaited

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkIgnoredStops reports AL152 for a goroutine that ranges over a
// channel held in an unexported struct field that nothing in the package
// closes, when the package does stop that type's goroutines by closing
// another of its channel fields (quit, done) that this goroutine never
// looks at: Stop ends the others, and this one waits on its range
// forever (a worker pool whose Stop closes quit while the workers range
// over jobs). Or when the package's way to stop it is to set the field
// to nil: the goroutine waits on the old channel, or on nil at its next
// read of the field, forever.
func checkIgnoredStops(pass *asyncir.Pass) {
	closed := map[string]*asyncir.Op{} // field → a close of it
	nilled := map[string]*asyncir.Op{} // field → a store of nil into it
	unknown := map[string]bool{}       // fields stored from elsewhere, or escaping
	var ranges []*asyncir.Op           // range ends (OpDrain) in goroutines
	spawned := map[*asyncir.Func]bool{}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpSpawn && op.Callee != nil {
				spawned[op.Callee] = true
			}
		})
	}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			switch {
			case op.StoresChannelField():
				switch t := op.Operand.Track; {
				case isNil(op.Operand):
					nilled[op.Attr] = op
				case t == nil || !t.Made:
					unknown[op.Attr] = true
				}
			case op.Kind == asyncir.OpClose && fieldOf(op.Operand) != "":
				closed[fieldOf(op.Operand)] = op
			case op.Kind == asyncir.OpDefer && op.External == "close" && len(op.Args) == 1 && fieldOf(op.Args[0]) != "":
				closed[fieldOf(op.Args[0])] = op
			case op.Kind == asyncir.OpDrain && fieldOf(op.Operand) != "" && spawned[f]:
				ranges = append(ranges, op)
			}
			for _, v := range opChannels(op) {
				if v.Track != nil && v.Track.Field != "" && v.Track.Escapes {
					unknown[v.Track.Field] = true
				}
			}
		})
	}
	for _, d := range ranges {
		fld := fieldOf(d.Operand)
		if closed[fld] != nil || unknown[fld] || token.IsExported(lastDot(fld)) {
			continue
		}
		if watchesOtherChannels(d.Func(), fld) || leavesRangeEarly(d.Func(), fld) {
			continue
		}
		var stopper, how string
		var at asyncir.Range
		if stop := nilled[fld]; stop != nil {
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: d.Range,
				Message: fmt.Sprintf("goroutine `%s` receives from `%s` until it is closed, which never happens: `%s` sets the field to nil instead of closing it, so the goroutine blocks forever",
					d.Func().QualName, fieldName(fld), stop.Func().QualName),
				Related: []asyncir.Related{{Range: stop.Range, Message: "the field is set to nil here; a receive from nil blocks forever"}},
			})
			continue
		}
		if stop := stopOfType(fld, closed); stop != nil {
			stopper, how, at = stop.Func().QualName, "closing `"+fieldName(fieldOf(closeOperand(stop)))+"`, which this loop never watches", stop.Range
		} else if g, c := cancelOfType(pass.Module, fld); g != nil && !d.Func().HasContext {
			stopper, how, at = g.QualName, "calling the context cancel func in `"+fieldName(c.Field)+"`, whose context this loop never sees", c.Range
		} else {
			continue
		}
		report(pass, asyncir.Diagnostic{
			Code:  "AL152",
			Range: d.Range,
			Message: fmt.Sprintf("goroutine `%s` ranges over `%s`, which nothing closes: `%s` stops this type's goroutines by %s, so it blocks forever",
				d.Func().QualName, fieldName(fld), stopper, how),
			Related: []asyncir.Related{{Range: at, Message: "the stop signal this goroutine never sees"}},
		})
	}
}

// stopOfType returns a close of another channel field of the struct type
// that holds fld ("pkg.T.jobs" → a close of "pkg.T.quit").
func stopOfType(fld string, closed map[string]*asyncir.Op) *asyncir.Op {
	typ := fld[:strings.LastIndex(fld, ".")+1]
	var best *asyncir.Op
	bestKey := ""
	for k, op := range closed {
		if k != fld && strings.HasPrefix(k, typ) && !strings.Contains(k[len(typ):], ".") && (best == nil || k < bestKey) {
			best, bestKey = op, k
		}
	}
	return best
}

// closeOperand is the channel a close (call or defer) closes.
func closeOperand(op *asyncir.Op) *asyncir.Value {
	if op.Kind == asyncir.OpClose {
		return op.Operand
	}
	return op.Args[0]
}

// watchesOtherChannels reports whether g receives from or selects on
// anything but the field it ranges over: it may have another way out.
func watchesOtherChannels(g *asyncir.Func, fld string) bool {
	other := false
	g.Ops(func(o *asyncir.Op) {
		switch o.Kind {
		case asyncir.OpSelect:
			other = true
		case asyncir.OpAwait, asyncir.OpDrain:
			other = other || fieldOf(o.Operand) != fld
		}
	})
	return other
}

// leavesRangeEarly reports whether g can leave its receiving loop over
// fld other than by the channel's close (a sentinel job, an error).
func leavesRangeEarly(g *asyncir.Func, fld string) bool {
	early := false
	g.Ops(func(o *asyncir.Op) {
		early = early || o.Kind == asyncir.OpAwait && fieldOf(o.Operand) == fld && stopsReceiving(o) != nil
	})
	return early
}

// cancelOfType returns a call, and its function, of a context cancel
// func held in a field of the struct type that holds fld (p.cancel() for
// "pkg.T.jobs").
func cancelOfType(m *asyncir.Module, fld string) (*asyncir.Func, *asyncir.FlagSet) {
	typ := fld[:strings.LastIndex(fld, ".")+1]
	for _, f := range m.Funcs {
		for i, c := range f.CancelCalls {
			if strings.HasPrefix(c.Field, typ) && !strings.Contains(c.Field[len(typ):], ".") {
				return f, &f.CancelCalls[i]
			}
		}
	}
	return nil, nil
}
