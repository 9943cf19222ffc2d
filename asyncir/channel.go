package asyncir

import "strings"

// Made lists the values of the given awaitable kind that f creates itself
// and whose every use the frontend followed (see Tracking), in op order.
func Made(f *Func, kind AwaitKind) []*Value {
	var out []*Value
	seen := map[*Value]bool{}
	consider := func(v *Value) {
		if v != nil && !seen[v] && v.Type().Await == kind && v.Track != nil && v.Track.Made && !v.Track.Escapes {
			seen[v] = true
			out = append(out, v)
		}
	}
	f.Ops(func(op *Op) {
		if op.Result != nil {
			consider(op.Result)
			for _, e := range op.Result.Elems() {
				consider(e)
			}
		}
		// A local wait group is made by its declaration, which is no op:
		// it shows up first as a receiver or a capture.
		consider(op.Recv)
		for _, c := range op.Captures() {
			consider(c)
		}
		for _, a := range op.Args {
			consider(a)
		}
	})
	return out
}

// Closes returns the channel op closes: close(ch) or defer close(ch).
func (op *Op) Closes() *Value {
	switch {
	case op.Kind == OpClose:
		return op.Operand
	case op.Kind == OpDefer && op.External == "close" && len(op.Args) == 1:
		return op.Args[0]
	}
	return nil
}

// IsPlainSend reports whether op sends on v outside a select, so it can
// block forever; IsPlainReceive likewise for a receive.
func (op *Op) IsPlainSend(v *Value) bool {
	return op.Kind == OpSend && op.Recv == v && op.Select() == nil
}

func (op *Op) IsPlainReceive(v *Value) bool {
	return op.Kind == OpAwait && op.Operand == v && op.Select() == nil
}

// Receives reports whether op receives from v, alone or as a select case.
func (op *Op) Receives(v *Value) bool { return op.Kind == OpAwait && op.Operand == v }

// Sends reports whether op sends on v, alone or as a select case.
func (op *Op) Sends(v *Value) bool { return op.Kind == OpSend && op.Recv == v }

// StoresChannelField reports whether op stores a channel into a struct
// field (s.done = make(chan struct{})): where the field rules learn who
// made the channel a field holds.
func (op *Op) StoresChannelField() bool {
	return op.Kind == OpStore && op.Attr != "" && op.Operand != nil && op.Operand.Type().Await == Channel
}

// ExitOp is the op that ends an exit block (its return), for related
// information; nil for an empty block.
func ExitOp(b *Block) *Op {
	if b == nil || len(b.Ops) == 0 {
		return nil
	}
	return b.Ops[len(b.Ops)-1]
}

// CannotFire reports whether op is a select case that can never be
// chosen: its channel is made here, followed everywhere, and nothing else
// ever receives from it (for a send case) or sends on or closes it (for a
// receive case).
func (op *Op) CannotFire() bool {
	if op.Select() == nil {
		return false
	}
	ch, send := op.Operand, false
	if op.Kind == OpSend {
		ch, send = op.Recv, true
	}
	if ch == nil || ch.Track == nil || !ch.Track.Made || ch.Track.Escapes {
		return false
	}
	for _, u := range ch.Uses {
		switch {
		case u.Op.Kind == OpSelect:
		case send && u.Op.Sends(ch), !send && u.Op.Receives(ch):
		default:
			return false // a partner, or a use the IR cannot follow
		}
	}
	return true
}

// FromTimer reports whether ch is a channel the time package made and
// feeds (time.After, time.Tick, a Ticker's or Timer's C): Stop does not
// close it, and nothing else may.
func FromTimer(ch *Value) bool {
	return ch != nil && strings.HasPrefix(ch.Type().OriginName, "time.")
}

// NeverDrains reports whether op is the edge a receive loop takes when
// its channel is closed (OpDrain) on a channel that is never closed: a
// range over a ticker's C never ends.
func (op *Op) NeverDrains() bool {
	return op.Kind == OpDrain && FromTimer(op.Operand)
}

// HandsContext reports whether a go statement, call or closure reference
// passes or captures a context: the work it starts can observe that
// context's cancellation.
func (op *Op) HandsContext() bool {
	vals := append([]*Value{op.Recv}, op.Args...)
	vals = append(vals, op.Captures()...)
	for _, v := range vals {
		if v != nil && v.Type().Await == Context {
			return true
		}
	}
	return false
}

// AsksContextDone reports whether op asks a context whether it is done:
// ctx.Err() or ctx.Done().
func (op *Op) AsksContextDone() bool {
	return op.Kind == OpCall && op.Recv != nil && op.Recv.Type().Await == Context && (op.Method == "Err" || op.Method == "Done")
}

// ReceivesContextDone reports whether op is a receive from ctx.Done()
// (in a select, on the edge of that case only).
func (op *Op) ReceivesContextDone() bool {
	d := op.Operand
	return op.Kind == OpAwait && d != nil && d.Def != nil && d.Def.AsksContextDone() && d.Def.Method == "Done"
}

// TestsContextErr reports whether op is a ctx.Err() call.
func (op *Op) TestsContextErr() bool {
	return op.AsksContextDone() && op.Method == "Err"
}
