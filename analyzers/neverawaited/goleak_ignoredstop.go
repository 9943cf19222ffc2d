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
// over jobs).
func checkIgnoredStops(pass *asyncir.Pass) {
	closed := map[string]*asyncir.Op{} // field → a close of it
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
			case op.Kind == asyncir.OpStore && op.Attr != "" && op.Operand != nil && op.Operand.Type().Await == asyncir.Channel:
				if t := op.Operand.Track; t == nil || !t.Made {
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
		stop := stopOfType(fld, closed)
		if stop == nil || watchesOtherChannels(d.Func(), fld) || leavesRangeEarly(d.Func(), fld) {
			continue
		}
		report(pass, asyncir.Diagnostic{
			Code:  "AL152",
			Range: d.Range,
			Message: fmt.Sprintf("goroutine `%s` ranges over `%s`, which nothing closes: `%s` stops this type's goroutines by closing `%s`, which this loop never watches, so it blocks forever",
				d.Func().QualName, fieldName(fld), stop.Func().QualName, fieldName(fieldOf(closeOperand(stop)))),
			Related: []asyncir.Related{{Range: stop.Range, Message: "the stop signal this goroutine never sees"}},
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
