package neverawaited

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkUnsignalledConds reports AL157: a sync.Cond.Wait on a condition
// variable that nothing in the package ever signals or broadcasts. A
// condition variable is judged when the package holds all of it: an
// unexported struct field (the same for every value of the struct), or
// one a function makes and hands only to the functions it calls or
// starts.
func checkUnsignalledConds(pass *asyncir.Pass) {
	models := pass.Program.Models
	owner := map[*asyncir.Value]*asyncir.Value{} // an input → the value bound to it
	var find func(v *asyncir.Value) *asyncir.Value
	find = func(v *asyncir.Value) *asyncir.Value {
		for i := 0; i < 32; i++ { // bounded: bindings of recursive calls
			o, ok := owner[v]
			if !ok || o == v {
				break
			}
			v = o
		}
		return v
	}
	// Functions come parents first; a second round binds the inputs of
	// functions declared before their callers.
	for round := 0; round < 2; round++ {
		for _, f := range pass.Module.Funcs {
			f.Ops(func(op *asyncir.Op) {
				if op.Callee == nil {
					return
				}
				for i, in := range op.Callee.Inputs {
					if b := asyncir.Bound(op, i); b != nil && b.Type().Await == asyncir.Cond && in.Type().Await == asyncir.Cond {
						owner[in] = find(b)
					}
				}
			})
		}
	}
	type condUse struct {
		waits    []*asyncir.Op
		signaled bool
		unknown  bool
	}
	uses := map[string]*condUse{}
	var order []string
	keyOf := func(v *asyncir.Value) (string, bool) {
		r := find(v)
		if r.Track == nil {
			return "", false
		}
		if fld := r.Track.Field; fld != "" {
			name := fld[strings.LastIndex(fld, ".")+1:]
			return "field " + fld, !token.IsExported(name)
		}
		if !r.Track.Made || r.Track.Escapes {
			return "", false
		}
		return fmt.Sprintf("value %p", r), true
	}
	use := func(v *asyncir.Value) *condUse {
		key, judged := keyOf(v)
		if key == "" {
			return nil
		}
		u := uses[key]
		if u == nil {
			u = &condUse{}
			uses[key] = u
			order = append(order, key)
		}
		u.unknown = u.unknown || !judged
		return u
	}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Callee == nil {
				// Handed to code outside the package, which may signal it.
				for _, a := range append(append([]*asyncir.Value(nil), op.Args...), op.Captures()...) {
					if a != nil && a.Type().Await == asyncir.Cond {
						if u := use(a); u != nil {
							u.unknown = true
						}
					}
				}
			}
			if op.Recv == nil || op.Recv.Type().Await != asyncir.Cond || (op.Kind != asyncir.OpCall && op.Kind != asyncir.OpDefer) {
				return
			}
			u := use(op.Recv)
			if u == nil {
				return
			}
			m := models.API(op.External)
			switch {
			case m == nil:
			case m.Cond == asyncir.CondSignal:
				u.signaled = true
			case m.Cond == asyncir.CondWait && op.Kind == asyncir.OpCall:
				u.waits = append(u.waits, op)
			}
		})
	}
	for _, key := range order {
		u := uses[key]
		if u.signaled || u.unknown {
			reportWaitsOutsideLoops(pass, u.waits)
			continue
		}
		for _, w := range u.waits {
			report(pass, asyncir.Diagnostic{
				Code:    "AL157",
				Range:   w.Range,
				Message: fmt.Sprintf("%s.Wait blocks forever: nothing in the package calls Signal or Broadcast on it", condName(w.Recv)),
			})
		}
	}
}

// condName names a condition variable for messages.
func condName(v *asyncir.Value) string {
	switch {
	case v.Track != nil && v.Track.Field != "":
		return "`" + fieldName(v.Track.Field) + "`"
	case v.Track != nil && v.Track.Name != "":
		return "`" + v.Track.Name + "`"
	}
	return "the condition variable"
}

// reportWaitsOutsideLoops reports AL157 for a Cond.Wait that is not in a
// loop re-testing its condition and not behind a test of it either: a
// Signal or Broadcast sent before the waiter reached Wait is lost (a
// condition variable keeps no state), and the waiter blocks forever.
func reportWaitsOutsideLoops(pass *asyncir.Pass, waits []*asyncir.Op) {
	cfgs := map[*asyncir.Func]*asyncir.CFG{}
	for _, w := range waits {
		f := w.Func()
		if cfgs[f] == nil {
			cfgs[f] = asyncir.NewCFG(f)
		}
		if cfgs[f].InCycle(w.Block) || testedBeforeWait(pass.Program.Models, w) {
			continue
		}
		report(pass, asyncir.Diagnostic{
			Code:    "AL157",
			Range:   w.Range,
			Message: fmt.Sprintf("%s.Wait is not in a loop that tests its condition: a Signal sent before it is lost, and the waiter blocks forever", condName(w.Recv)),
		})
	}
}

// testedBeforeWait reports whether the waiter decides to wait after it
// took a lock: a branch between the last Lock before the Wait and the
// Wait, with a way that does not reach the Wait ("if q.cnt == 0 {
// c.Wait() }"). A signaller that changes the state under the same lock
// then cannot signal between the test and the Wait, so no Signal is lost;
// a second waiter taking the state first is a correctness question, not
// a wait that never returns.
func testedBeforeWait(models *asyncir.Models, w *asyncir.Op) bool {
	reaches := map[*asyncir.Block]bool{} // the block can reach the Wait's block
	var reach func(b *asyncir.Block) bool
	reach = func(b *asyncir.Block) bool {
		if v, ok := reaches[b]; ok {
			return v
		}
		reaches[b] = b == w.Block
		for _, s := range b.Succs {
			if reach(s) {
				reaches[b] = true
				break
			}
		}
		return reaches[b]
	}
	locks := func(b *asyncir.Block, before *asyncir.Op) bool {
		for _, op := range b.Ops {
			if op == before {
				break
			}
			if m := models.API(op.External); m != nil && (m.Lock == asyncir.LockWrite || m.Lock == asyncir.LockRead) {
				return true
			}
		}
		return false
	}
	if locks(w.Block, w) {
		return false
	}
	seen := map[*asyncir.Block]bool{w.Block: true}
	work := append([]*asyncir.Block(nil), w.Block.Preds...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, s := range b.Succs {
			if !reach(s) {
				return true
			}
		}
		if !locks(b, nil) {
			work = append(work, b.Preds...)
		}
	}
	return false
}
