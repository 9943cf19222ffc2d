package blockingcall

import (
	"github.com/asynclint/asynclint/asyncir"
)

// loopEntry says why the event loop runs a synchronous function itself:
// it was registered as a callback by op (loop.call_soon, add_done_callback,
// add_reader, add_signal_handler, …), or it is a protocol method of class.
type loopEntry struct {
	op    *asyncir.Op
	api   *asyncir.APIModel
	class *asyncir.Class
	// private: op registered on a loop its function made and runs on a
	// thread of its own (see privateLoop).
	private bool
}

// onLoop maps the functions the loop runs synchronously to their entry.
type onLoop struct {
	f map[*asyncir.Func]*loopEntry
}

const onLoopKey = "blockingcall.onloop"

func loopFuncs(p *asyncir.Program) *onLoop {
	return p.Summary(onLoopKey, func(p *asyncir.Program) any { return computeOnLoop(p) }).(*onLoop)
}

// protocolBase reports whether name is an asyncio class whose methods the
// loop calls from its own thread when data, connections or process events
// arrive.
func protocolBase(name string) bool {
	switch name {
	case "asyncio.BaseProtocol", "asyncio.Protocol", "asyncio.BufferedProtocol",
		"asyncio.DatagramProtocol", "asyncio.SubprocessProtocol",
		"asyncio.StreamReaderProtocol", "asyncio.FlowControlMixin",
		"asyncio.SubprocessStreamProtocol":
		return true
	}
	return false
}

// protocolMethods are the callbacks of those classes.
func protocolMethods() []string {
	return []string{
		"connection_made", "connection_lost", "data_received", "eof_received",
		"pause_writing", "resume_writing", "get_buffer", "buffer_updated",
		"datagram_received", "error_received", "pipe_data_received",
		"pipe_connection_lost", "process_exited",
	}
}

func computeOnLoop(p *asyncir.Program) *onLoop {
	ol := &onLoop{f: map[*asyncir.Func]*loopEntry{}}
	threads := map[*asyncir.Func]bool{}
	for _, m := range p.Modules {
		for _, f := range m.Funcs {
			f.Ops(func(op *asyncir.Op) {
				if op.Kind != asyncir.OpCall {
					return
				}
				if op.External == "threading.Thread" {
					if g := callable(op.Arg(1, "target")); g != nil {
						threads[g] = true
					}
				}
				api := p.Models.CallbackAPI(op)
				if api == nil || !api.CallbackOnLoop {
					return
				}
				if g := callable(asyncir.CallbackArg(api, op)); g != nil && ol.f[g] == nil {
					ol.f[g] = &loopEntry{op: op, api: api}
				}
			})
		}
		for _, c := range m.Classes {
			if !isProtocol(c) {
				continue
			}
			for _, name := range protocolMethods() {
				if g := c.LookupMethod(name); g != nil && g.Kind == asyncir.Sync && ol.f[g] == nil {
					ol.f[g] = &loopEntry{class: c}
				}
			}
		}
	}
	for _, e := range ol.f {
		if e.op != nil {
			e.private = privateLoop(e.op.Recv, e.op.Func(), threads)
		}
	}
	return ol
}

// callable is the synchronous project function a callback value calls:
// a function, bound method or lambda, or the function of a
// functools.partial.
func callable(v *asyncir.Value) *asyncir.Func {
	if v == nil {
		return nil
	}
	if t := v.Type(); t.Kind == asyncir.FuncObj && t.Func != nil {
		if t.Func.Kind == asyncir.Sync {
			return t.Func
		}
		return nil
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpCall && d.External == "functools.partial" && len(d.Args) > 0 {
		return callable(d.Args[0])
	}
	return nil
}

// isProtocol reports whether c derives from an asyncio protocol class,
// external or (when asyncio itself is linted) defined in asyncio.protocols.
func isProtocol(c *asyncir.Class) bool {
	for _, ext := range c.ExternalAncestors() {
		if protocolBase(ext) {
			return true
		}
	}
	for _, k := range c.Ancestry() {
		if k.Module != nil && k.Module.Name == "asyncio.protocols" {
			return true
		}
	}
	return false
}

// fact tags a callback of a private loop.
func (e *loopEntry) fact() string {
	if e == nil || !e.private {
		return ""
	}
	return asyncir.FactPrivateLoop
}

// privateLoop reports whether loop was made by new_event_loop() in f, is
// kept in f's locals, and runs on a thread of its own: f hands
// loop.run_forever to a thread, or runs it while f itself is a thread's
// target. Blocking such a loop holds up only its own callbacks, not the
// application's loop.
func privateLoop(loop *asyncir.Value, f *asyncir.Func, threads map[*asyncir.Func]bool) bool {
	made := maker(loop)
	if made == nil || made.External != "asyncio.new_event_loop" || made.Func() != f {
		return false
	}
	runs, private := false, true
	f.Ops(func(op *asyncir.Op) {
		switch {
		case op.Recv != nil && maker(op.Recv) == made:
			if threads[f] && (op.Method == "run_forever" || op.Method == "run_until_complete") ||
				op.Kind == asyncir.OpAttr && op.Attr == "run_forever" {
				runs = true
			}
			if op.Kind == asyncir.OpStore && op.Attr != "" && maker(op.Operand) == made {
				private = false
			}
		case op.Operand != nil && maker(op.Operand) == made:
			// Returned, yielded or stored outside a local: others can
			// schedule on it too.
			if op.Kind == asyncir.OpReturn || op.Kind == asyncir.OpYield ||
				op.Kind == asyncir.OpStore && (op.Var == "" || op.Global) {
				private = false
			}
		}
	})
	return runs && private
}

// maker is the call that made v, through locals assigned once.
func maker(v *asyncir.Value) *asyncir.Op {
	for i := 0; v != nil && v.Def != nil && i < 8; i++ {
		d := v.Def
		switch {
		case d.Kind == asyncir.OpCall:
			return d
		case d.Kind == asyncir.OpLoad && !d.Global && len(d.Defs()) == 1:
			v = d.Defs()[0].Operand
		default:
			return nil
		}
	}
	return nil
}
