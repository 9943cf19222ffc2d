package neverawaited

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSkippedFieldCloses reports AL152 for a goroutine that waits,
// outside a select, for a channel held in an unexported struct field to
// be closed (nothing sends on it), when the one function of the package
// that closes it can return without closing it: a guard of its own
// (if t.active == 0 { return }) or an error return before the close.
// The goroutine is started by the function that makes the channel, so
// it waits whenever the value exists; a path that skips the close only
// because an earlier call already closed it (a close-once flag the
// closer sets, a receive from the channel itself, a test of a
// parameter) is not a skip.
func checkSkippedFieldCloses(pass *asyncir.Pass) {
	type fieldUse struct {
		closes  []*asyncir.Op
		waits   []*asyncir.Op // plain receives of goroutines
		makers  map[*asyncir.Func]bool
		unknown bool // a send, a channel from elsewhere, or handed on
	}
	var fields byField[fieldUse]
	use := func(key string) *fieldUse {
		u := fields.use(key)
		if u.makers == nil {
			u.makers = map[*asyncir.Func]bool{}
		}
		return u
	}
	starts := goroutineStartsAll(pass)
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.StoresChannelField() {
				u := use(op.Attr)
				if t := op.Operand.Track; t != nil && t.Made && !t.Escapes {
					u.makers[f] = true
				} else {
					u.unknown = true
				}
				return
			}
			for _, v := range opChannels(op) {
				if v.Track == nil || v.Track.Field == "" {
					continue
				}
				u := use(v.Track.Field)
				switch {
				case v.Track.Escapes, op.Sends(v):
					u.unknown = true
				case op.Closes() == v:
					u.closes = append(u.closes, op)
				case op.IsPlainReceive(v) && len(starts[f]) > 0:
					u.waits = append(u.waits, op)
				case op.Receives(v), op.Kind == asyncir.OpSelect, op.Kind == asyncir.OpDrain:
				case getterReturn(op, v):
				default:
					u.unknown = true
				}
			}
		})
	}
	for _, key := range fields.order {
		u := fields.records[key]
		// The elements of a map or slice field are many channels.
		if u.unknown || len(u.closes) == 0 || len(u.waits) == 0 || len(u.makers) == 0 || token.IsExported(lastDot(key)) || strings.HasSuffix(key, "[]") {
			continue
		}
		closer := u.closes[0].Func()
		if !allIn(u.closes, closer) {
			continue // several closers: which one runs is not known
		}
		skip := skippedClose(closer, key)
		if skip == nil {
			continue
		}
		for _, w := range u.waits {
			g := w.Func()
			start := startedBy(starts[g], u.makers)
			if g == closer || start == nil || !waitsForClose(w) {
				continue
			}
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: w.Range,
				Message: fmt.Sprintf("goroutine `%s` can block forever receiving from `%s`: only `%s` closes it, and it can return without closing it",
					g.QualName, fieldName(key), closer.QualName),
				Related: []asyncir.Related{
					{Range: skip.Range, Message: "`" + closer.QualName + "` returns here without closing it"},
					{Range: start.Range, Message: "the goroutine is started here, with the channel"},
				},
			})
		}
	}
}

// skippedClose returns a return of closer that a path from its entry
// reaches without closing the field key's channel, when that path is not
// explained by an earlier close: it takes no branch away from the close
// on a test of the closer's own state or of a parameter, and does not
// receive from the channel (a receive that fires says it is closed).
func skippedClose(closer *asyncir.Func, key string) *asyncir.Op {
	var closing []*asyncir.Block
	closer.Ops(func(op *asyncir.Op) {
		if c := op.Closes(); c != nil && fieldOf(c) == key {
			closing = append(closing, op.Block)
		}
	})
	reachesClose := func(b *asyncir.Block) bool {
		for _, c := range closing {
			if b == c || asyncir.BlockReaches(b, c) {
				return true
			}
		}
		return false
	}
	c, exit := asyncir.CheapestExitFromEntry(closer, asyncir.PathCost{
		Op: func(op *asyncir.Op) int {
			if c := op.Closes(); c != nil && fieldOf(c) == key {
				return asyncir.Inf
			}
			if (op.Kind == asyncir.OpAwait || op.Kind == asyncir.OpDrain) && fieldOf(op.Operand) == key {
				return asyncir.Inf
			}
			return 0
		},
		Edge: func(from, to *asyncir.Block) int {
			excused := from.TestsOwnState || from.Guard != nil || from.Cond != nil && !strings.HasPrefix(from.Cond.Key, "field ")
			if excused && !reachesClose(to) {
				return asyncir.Inf
			}
			return 0
		},
	})
	if c >= asyncir.Inf {
		return nil
	}
	return asyncir.ExitOp(exit)
}

// waitsForClose reports whether the goroutine receiving with r waits
// for the channel's close: a single receive, or a loop it leaves only
// when the channel is closed.
func waitsForClose(r *asyncir.Op) bool {
	return !asyncir.NewCFG(r.Func()).InCycle(r.Block) || !leavesBeforeClose(r)
}

func allIn(ops []*asyncir.Op, f *asyncir.Func) bool {
	for _, op := range ops {
		if op.Func() != f {
			return false
		}
	}
	return true
}

// startedBy returns a start site among sites in one of the functions fs.
func startedBy(sites []*asyncir.Op, fs map[*asyncir.Func]bool) *asyncir.Op {
	for _, s := range sites {
		if fs[s.Func()] {
			return s
		}
	}
	return nil
}
