package asyncir

// callbackMethods are the loop and future methods recognised by name when
// the receiver's type is unknown, with the class that models them.
func callbackMethodClass(method string) string {
	switch method {
	case "call_soon", "call_soon_threadsafe", "call_later", "call_at",
		"add_signal_handler", "add_reader", "add_writer":
		return "asyncio.AbstractEventLoop"
	case "add_done_callback":
		return "asyncio.Future"
	}
	return ""
}

// CallbackAPI returns the model of a call that takes a callback, resolving
// well-known loop/future methods by name on receivers of unknown type.
// neverawaited (AL104) and blockingcall (AL203) share it.
func (m *Models) CallbackAPI(op *Op) *APIModel {
	if api := m.API(op.External); api != nil && api.Callback >= 0 {
		return api
	}
	if op.External == "" && op.Callee == nil && op.Recv != nil && !op.Recv.Type().IsKnown() {
		if cls := callbackMethodClass(op.Method); cls != "" {
			return m.Method(cls, op.Method)
		}
	}
	return nil
}

// CallbackArg returns the callable argument of a call to api.
func CallbackArg(api *APIModel, op *Op) *Value {
	if api.CallbackKeyword != "" {
		if kw := op.Keyword(api.CallbackKeyword); kw != nil {
			return kw
		}
	}
	return op.Arg(api.Callback, "")
}
