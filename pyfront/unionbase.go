package pyfront

import "github.com/asynclint/asynclint/asyncir"

// unionBase is what a value annotated with a union of two program classes
// is known to be: an instance of their nearest common base, or unknown
// when they share none. anyio's connect_tcp returns
// Union[SocketStream, TLSStream]; both are ByteStreams, and
// ByteStream.send is a coroutine function whichever comes. A subclass
// that overrode an async method with a synchronous one would break the
// base's contract, which type checkers reject.
func unionBase(a, b asyncir.Type) (asyncir.Type, bool) {
	if a.Kind != asyncir.Instance || b.Kind != asyncir.Instance || a.Class == nil || b.Class == nil {
		return unknownType, false
	}
	above := map[*asyncir.Class]bool{}
	for _, k := range b.Class.Ancestry() {
		above[k] = true
	}
	for _, k := range a.Class.Ancestry() {
		if above[k] {
			return asyncir.Type{Kind: asyncir.Instance, Class: k}, true
		}
	}
	return unknownType, false
}
