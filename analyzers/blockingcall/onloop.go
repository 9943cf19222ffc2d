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
	for _, m := range p.Modules {
		for _, f := range m.Funcs {
			f.Ops(func(op *asyncir.Op) {
				if op.Kind != asyncir.OpCall {
					return
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
	return ol
}

// callable is the synchronous project function a callback value calls:
// a function, bound method or lambda, or the function of a
// functools.partial.
func callable(v *asyncir.Value) *asyncir.Func {
	if v == nil {
		return nil
	}
	if t := v.Type; t.Kind == asyncir.FuncObj && t.Func != nil {
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

// fact tags a callback of a loop its registering function created with
// new_event_loop() and runs itself (run_forever, run_until_complete, or
// run_forever handed to a thread): that loop is private to the function,
// so blocking it holds up nothing else.
func (e *loopEntry) fact() string {
	if e == nil || e.op == nil || !privateLoop(e.op.Recv, e.op.Func()) {
		return ""
	}
	return asyncir.FactPrivateLoop
}

func privateLoop(loop *asyncir.Value, f *asyncir.Func) bool {
	if loop == nil || loop.Def == nil || loop.Def.External != "asyncio.new_event_loop" || loop.Def.Func() != f {
		return false
	}
	runs := false
	for _, u := range loop.Uses {
		switch u.Kind {
		case asyncir.UseRecv:
			switch u.Op.Method {
			case "run_forever", "run_until_complete":
				runs = true
			}
			if u.Op.Kind == asyncir.OpAttr && u.Op.Attr == "run_forever" {
				runs = true
			}
		case asyncir.UseReturn, asyncir.UseYield:
			return false
		case asyncir.UseStore:
			if u.Op.Var == "" { // an attribute, subscript or container keeps it
				return false
			}
		}
	}
	return runs
}
