package neverawaited

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// checkBlockedUnderLock reports a goroutine that blocks while holding a
// mutex whose every partner must take that mutex first: a send on a
// struct field channel whose receivers all lock it before receiving, a
// receive whose senders do, a WaitGroup.Wait whose goroutines lock it
// before Done. Each side waits for the other: the blocked operation
// (AL151, AL152, AL156) and the partner's Lock (AL155) are reported.
// Mutexes, channels and wait groups are known by their struct field,
// the same in every method of the package.
func checkBlockedUnderLock(pass *asyncir.Pass) {
	models := pass.Program.Models
	partners := map[string][]*asyncir.Op{} // "send "+field etc. → ops
	// unknown: fields some use hands on (returned, passed, stored
	// elsewhere), or channels made with a buffer: their partners, or
	// whether a send waits at all, are not known.
	unknown := map[string]bool{}
	var blocking []*asyncir.Op
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			keys, known := partnerKeys(models, op)
			for _, k := range keys {
				partners[k] = append(partners[k], op)
			}
			for _, fld := range handedOn(op, known) {
				unknown["recv "+fld], unknown["send "+fld], unknown["done "+fld] = true, true, true
			}
			if op.StoresChannelField() {
				if t := op.Operand.Track; t == nil || !t.Made || t.Cap != 0 {
					unknown["recv "+op.Attr] = true
				}
			}
			if blockingKey(models, op) != "" {
				blocking = append(blocking, op)
			}
		})
	}
	reported := map[*asyncir.Op]bool{}
	for _, x := range blocking {
		key := blockingKey(models, x)
		ps := partners[key]
		if len(ps) == 0 || unknown[key] {
			continue
		}
		for _, lock := range heldLocks(models, x) {
			var firsts []*asyncir.Op
			mayLock := false // some partner locks first on some paths only
			for _, p := range ps {
				a := lockedBefore(models, p, lock, false)
				if a == nil && repeatsUnder(models, x, lock) {
					if p.Kind == asyncir.OpDrain && rangeReceives(p, ps) {
						continue // the range's end; its receive is judged
					}
					a = lockedBetweenTurns(models, p, lock)
				}
				if a == nil && strings.HasPrefix(key, "done ") {
					a = lockedOnSomePath(models, p, lock)
					mayLock = mayLock || a != nil
				}
				if a == nil || p.Func() == x.Func() {
					firsts = nil
					break
				}
				firsts = append(firsts, a)
			}
			if len(firsts) == 0 && !reported[x] {
				reportStuckInOtherCase(pass, x, key, ps, lock, reported)
			}
			if len(firsts) == 0 || reported[x] {
				continue
			}
			// The partners wait under the same lock for x: one pair is
			// one deadlock, reported once.
			reported[x] = true
			for _, p := range ps {
				reported[p] = true
			}
			reportBlockedUnderLock(pass, x, key, ps[0], firsts, lock, mayLock)
		}
	}
}

func reportBlockedUnderLock(pass *asyncir.Pass, x *asyncir.Op, key string, partner *asyncir.Op, firsts []*asyncir.Op, lock *asyncir.Value, mayLock bool) {
	f := x.Func()
	verb, fld, _ := strings.Cut(key, " ")
	var code, what string
	switch verb {
	case "recv":
		code, what = "AL151", "sending on `"+fieldName(fld)+"`"
	case "send":
		code, what = "AL152", "receiving from `"+fieldName(fld)+"`"
	default:
		code, what = "AL156", "in `"+fieldName(fld)+"`.Wait"
	}
	if x.Kind == asyncir.OpCall && x.Callee != nil {
		what += " (in `" + x.Callee.QualName + "`)"
	}
	must, locks := "must", "locks"
	if mayLock {
		must, locks = "can", "can lock"
	}
	report(pass, asyncir.Diagnostic{
		Code:    code,
		Range:   x.Range,
		Message: fmt.Sprintf("`%s` can block forever %s while holding %s: its partner `%s` %s lock it first", f.QualName, what, lockName(lock), partner.Func().QualName, must),
		Related: []asyncir.Related{{Range: firsts[0].Range, Message: "`" + firsts[0].Func().QualName + "` " + locks + " it here first"}},
	})
	seen := map[*asyncir.Op]bool{}
	for _, a := range firsts {
		if seen[a] {
			continue
		}
		seen[a] = true
		report(pass, asyncir.Diagnostic{
			Code:    "AL155",
			Range:   a.Range,
			Message: fmt.Sprintf("locking %s can block forever: `%s` holds it while it waits for `%s`", lockName(lock), f.QualName, a.Func().QualName),
			Related: []asyncir.Related{{Range: x.Range, Message: "`" + f.QualName + "` waits here holding the lock"}},
		})
	}
}

// blockingKey names what a blocking op waits for, by struct field: a
// plain send ("recv pkg.T.ch": it needs a receive), a plain receive
// ("send pkg.T.ch"), a WaitGroup.Wait ("done pkg.T.wg"); "" for others.
func blockingKey(models *asyncir.Models, op *asyncir.Op) string {
	if op.Kind == asyncir.OpCall && op.Callee != nil {
		if send := helperSend(op.Callee); send != nil {
			return "recv " + fieldOf(send.Recv)
		}
	}
	switch {
	case op.Kind == asyncir.OpSend && op.Select() == nil && fieldOf(op.Recv) != "":
		return "recv " + fieldOf(op.Recv)
	case op.Kind == asyncir.OpAwait && op.Select() == nil && fieldOf(op.Operand) != "":
		return "send " + fieldOf(op.Operand)
	case op.Kind == asyncir.OpCall && fieldOf(op.Recv) != "":
		if m := models.API(op.External); m != nil && m.Waits && op.External == "sync.WaitGroup.Wait" {
			return "done " + fieldOf(op.Recv)
		}
	}
	return ""
}

// helperSend is the plain send on a struct field channel that g makes on
// every path, when g blocks on nothing else (emit: m.events <- ev): a
// call of g waits for a receiver as the send does.
func helperSend(g *asyncir.Func) *asyncir.Op {
	var send *asyncir.Op
	other := false
	g.Ops(func(o *asyncir.Op) {
		switch {
		case o.Kind == asyncir.OpSend && o.Select() == nil && fieldOf(o.Recv) != "" && send == nil:
			send = o
		case o.Kind == asyncir.OpSend, o.Kind == asyncir.OpAwait, o.Kind == asyncir.OpSelect, o.Kind == asyncir.OpDrain, o.Kind == asyncir.OpSpawn:
			other = true
		case o.Kind == asyncir.OpCall && o.Callee != nil:
			other = true
		}
	})
	if other || send == nil || !asyncir.OnEveryPath(send) {
		return nil
	}
	return send
}

// repeatsUnder reports whether x can run again while its goroutine
// still holds lock: x is in a loop inside the locked region.
func repeatsUnder(models *asyncir.Models, x *asyncir.Op, lock *asyncir.Value) bool {
	first := lockedBefore(models, x, lock, true)
	if first == nil {
		return false
	}
	cfg := asyncir.NewCFG(x.Func())
	for _, h := range cfg.LoopHeaders(x.Block) {
		if !cfg.InLoop(first.Block, h) {
			return true
		}
	}
	return false
}

// lockedBetweenTurns returns a Lock of lock's field that the partner p,
// a receive in a loop, takes on every turn before it can receive again
// (for ev := range m.events { m.mu.Lock(); … }); nil when some turn
// comes back to p without it.
func lockedBetweenTurns(models *asyncir.Models, p *asyncir.Op, lock *asyncir.Value) *asyncir.Op {
	field := lock.Track.Field
	var found *asyncir.Op
	isLock := func(o *asyncir.Op) bool {
		m, kind := asyncir.LockCall(models, o)
		if m != nil && o.Kind == asyncir.OpCall && asyncir.Acquires(kind) && m.Track != nil && m.Track.Field == field {
			if found == nil {
				found = o
			}
			return true
		}
		return false
	}
	if !asyncir.Reaches(p, p, nil) || asyncir.Reaches(p, p, isLock) {
		return nil
	}
	if found == nil {
		p.Func().Ops(func(o *asyncir.Op) {
			if found == nil && isLock(o) && asyncir.Reaches(p, o, nil) {
				found = o
			}
		})
	}
	return found
}

// lockedOnSomePath returns a write Lock of lock's field that the
// goroutine of p, a Done, takes on some path before p (before it
// returns, for a deferred Done): a task that locks only on its error
// path. Wait needs every Done, so that one path, taken while the waiter
// holds the lock, leaves both stuck; nil when no path locks first.
func lockedOnSomePath(models *asyncir.Models, p *asyncir.Op, lock *asyncir.Value) *asyncir.Op {
	field := lock.Track.Field
	var found *asyncir.Op
	p.Func().Ops(func(o *asyncir.Op) {
		m, kind := asyncir.LockCall(models, o)
		if found != nil || m == nil || o.Kind != asyncir.OpCall || kind != asyncir.LockWrite || m.Track == nil || m.Track.Field != field {
			return
		}
		if p.Kind == asyncir.OpDefer && asyncir.Reaches(p, o, nil) || p.Kind != asyncir.OpDefer && asyncir.Reaches(o, p, nil) {
			found = o
		}
	})
	return found
}

// rangeReceives reports whether ps holds a receive in the function of
// the range end d: the range's receive on each turn.
func rangeReceives(d *asyncir.Op, ps []*asyncir.Op) bool {
	for _, p := range ps {
		if p.Kind == asyncir.OpAwait && p.Func() == d.Func() && p.Operand != nil && fieldOf(p.Operand) == fieldOf(d.Operand) {
			return true
		}
	}
	return false
}

// partnerKeys lists the keys (see blockingKey) of the waits op can end;
// known is the value it operates on as a partner (nil for none).
func partnerKeys(models *asyncir.Models, op *asyncir.Op) (keys []string, known *asyncir.Value) {
	switch {
	case (op.Kind == asyncir.OpAwait || op.Kind == asyncir.OpDrain) && fieldOf(op.Operand) != "":
		return []string{"recv " + fieldOf(op.Operand)}, op.Operand
	case op.Kind == asyncir.OpSend && fieldOf(op.Recv) != "":
		return []string{"send " + fieldOf(op.Recv)}, op.Recv
	case op.Kind == asyncir.OpClose && fieldOf(op.Operand) != "":
		return []string{"send " + fieldOf(op.Operand)}, op.Operand
	case op.Kind == asyncir.OpDefer && op.External == "close" && len(op.Args) == 1 && fieldOf(op.Args[0]) != "":
		return []string{"send " + fieldOf(op.Args[0])}, op.Args[0]
	case (op.Kind == asyncir.OpCall || op.Kind == asyncir.OpDefer) && fieldOf(op.Recv) != "":
		if m := models.API(op.External); m != nil && m.Done {
			return []string{"done " + fieldOf(op.Recv)}, op.Recv
		}
		if m := models.API(op.External); m != nil && (m.Waits || m.StartsWork) {
			return nil, op.Recv
		}
	case op.Kind == asyncir.OpSelect:
		return nil, nil
	}
	return nil, nil
}

// handedOn lists the fields of the channels and wait groups op hands on
// (returns, passes, stores, sends as a value, captures), apart from the
// one it operates on: who waits on them is out of sight.
func handedOn(op *asyncir.Op, known *asyncir.Value) []string {
	if op.Kind == asyncir.OpSelect || op.Kind == asyncir.OpCompare {
		return nil
	}
	var out []string
	for _, v := range append(append([]*asyncir.Value{op.Recv, op.Operand}, op.Args...), op.Captures()...) {
		if op.Kind == asyncir.OpStore && v == op.Operand && op.Attr == fieldOf(v) {
			continue // filed in the map field it is known by
		}
		if v != nil && v != known && fieldOf(v) != "" {
			out = append(out, fieldOf(v))
		}
	}
	return out
}

// fieldOf is the struct field a channel or wait group is held in.
func fieldOf(v *asyncir.Value) string {
	if v == nil || v.Track == nil || (v.Type().Await != asyncir.Channel && v.Type().Await != asyncir.WaitGroup) {
		return ""
	}
	return v.Track.Field
}

// heldLocks lists the mutexes held in a struct field on every path to
// op: locked, and not released since.
func heldLocks(models *asyncir.Models, op *asyncir.Op) []*asyncir.Value {
	var out []*asyncir.Value
	seen := map[string]bool{}
	op.Func().Ops(func(o *asyncir.Op) {
		m, kind := asyncir.LockCall(models, o)
		if m == nil || o.Kind != asyncir.OpCall || !asyncir.Acquires(kind) || m.Track == nil || m.Track.Field == "" || seen[m.Track.Field] {
			return
		}
		if lockedBefore(models, op, m, true) != nil {
			seen[m.Track.Field] = true
			out = append(out, m)
		}
	})
	return out
}

// lockedBefore returns a Lock of the mutex held in lock's field that
// every path to op passes (for a deferred op: every path to a return),
// and when held, with no Unlock of it after; nil when some path reaches
// op without it.
func lockedBefore(models *asyncir.Models, op *asyncir.Op, lock *asyncir.Value, held bool) *asyncir.Op {
	field := lock.Track.Field
	f := op.Func()
	var first *asyncir.Op
	isAcquire := func(o *asyncir.Op) bool {
		m, kind := asyncir.LockCall(models, o)
		if m != nil && o.Kind == asyncir.OpCall && asyncir.Acquires(kind) && m.Track != nil && m.Track.Field == field {
			if first == nil {
				first = o
			}
			return true
		}
		return false
	}
	isRelease := func(o *asyncir.Op) bool {
		m, kind := asyncir.LockCall(models, o)
		return m != nil && o.Kind == asyncir.OpCall && !asyncir.Acquires(kind) && m.Track != nil && m.Track.Field == field
	}
	targets := []*asyncir.Op{op}
	if op.Kind == asyncir.OpDefer {
		targets = nil
		for _, b := range f.Blocks {
			if ret := asyncir.ExitOp(b); b.Exit && ret != nil {
				targets = append(targets, ret)
			}
		}
	}
	if len(targets) == 0 {
		return nil
	}
	for _, t := range targets {
		if asyncir.ReachedFromEntry(t, isAcquire) {
			return nil
		}
	}
	released := false
	f.Ops(func(o *asyncir.Op) {
		if held && !released && isRelease(o) {
			for _, t := range targets {
				released = released || asyncir.Reaches(o, t, isAcquire)
			}
		}
	})
	if released {
		return nil
	}
	return first
}

// reportStuckInOtherCase reports AL155 when x blocks holding lock for a
// partner that waits in a select whose other case, on its way back to
// the select, takes lock (a monitor loop whose timeout case locks the
// state that reset holds while it sends the reset): once that case fires
// while x holds the lock, the partner waits for the lock and x for the
// partner. Every partner must be such a case, in another function.
func reportStuckInOtherCase(pass *asyncir.Pass, x *asyncir.Op, key string, ps []*asyncir.Op, lock *asyncir.Value, reported map[*asyncir.Op]bool) {
	models := pass.Program.Models
	verb, fld, _ := strings.Cut(key, " ")
	what := "receive from `" + fieldName(fld) + "`"
	if verb == "send" {
		what = "send on `" + fieldName(fld) + "`"
	} else if verb != "recv" {
		return
	}
	var locks []*asyncir.Op
	for _, p := range ps {
		a := lockedInOtherCase(models, p, lock)
		if a == nil || p.Func() == x.Func() {
			return
		}
		locks = append(locks, a)
	}
	reported[x] = true
	for i, a := range locks {
		if reported[a] {
			continue
		}
		reported[a] = true
		report(pass, asyncir.Diagnostic{
			Code:  "AL155",
			Range: a.Range,
			Message: fmt.Sprintf("locking %s can block forever: `%s` can hold it while it waits for this loop's select to %s, which the loop cannot do while it waits here",
				lockName(lock), x.Func().QualName, what),
			Related: []asyncir.Related{{Range: x.Range, Message: "`" + x.Func().QualName + "` waits here holding the lock"}, {Range: ps[i].Range, Message: "the case it waits for"}},
		})
	}
}

// lockedInOtherCase returns a Lock of lock's field that another case of
// p's select takes before the function comes back to that select; nil
// when p is no select case or no other case locks it.
func lockedInOtherCase(models *asyncir.Models, p *asyncir.Op, lock *asyncir.Value) *asyncir.Op {
	sel := p.Select()
	if sel == nil {
		return nil
	}
	field := lock.Track.Field
	var found *asyncir.Op
	p.Func().Ops(func(c *asyncir.Op) {
		if found != nil || c.Select() != sel || c == p {
			return
		}
		p.Func().Ops(func(o *asyncir.Op) {
			m, kind := asyncir.LockCall(models, o)
			if found == nil && m != nil && o.Kind == asyncir.OpCall && asyncir.Acquires(kind) && m.Track != nil && m.Track.Field == field &&
				asyncir.Reaches(c, o, func(x *asyncir.Op) bool { return x == sel }) {
				found = o
			}
		})
	})
	return found
}
