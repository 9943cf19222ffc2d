package gofront

import (
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
)

// noteLogger records that a call of name, with signature sig, reads only
// the values of the context it is given when it has a printf-style
// logger's shape: (ctx context.Context, format string, args ...any) and
// no result. Such a call reports nothing back, so it has no work a
// cancellation could stop; the context carries what to log with (a
// trace id). go-redis passes context.Background() to its
// internal.Logger.Printf from code that has a ctx.
func (l *lowerer) noteLogger(name string, sig *types.Signature) {
	if name == "" || sig == nil || l.models.API(name) != nil || !loggerShape(sig) {
		return
	}
	l.models.APIs[name] = &asyncir.APIModel{Name: name, ContextValuesOnly: true, Callback: -1}
}

func loggerShape(sig *types.Signature) bool {
	ps := sig.Params()
	if !sig.Variadic() || sig.Results().Len() != 0 || ps.Len() != 3 || typeOf(ps.At(0).Type()).Await != asyncir.Context {
		return false
	}
	format, ok := ps.At(1).Type().Underlying().(*types.Basic)
	if !ok || format.Kind() != types.String {
		return false
	}
	args, ok := ps.At(2).Type().(*types.Slice)
	if !ok {
		return false
	}
	iface, ok := args.Elem().Underlying().(*types.Interface)
	return ok && iface.Empty()
}
