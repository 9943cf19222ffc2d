package pyfront

import "github.com/asynclint/asynclint/asyncir"

// awaitResult is what awaiting an instance of a program or library class
// gives when its __await__ says so by annotation
// (`def __await__(self) -> Generator[Any, None, Channel]`: aio_pika's
// channels and connections are awaited to open them), or unknown.
func (l *linker) awaitResult(t asyncir.Type) asyncir.Type {
	if t.Kind != asyncir.Instance || t.Class == nil {
		return unknownType
	}
	m := t.Class.LookupMethod("__await__")
	if m == nil {
		return unknownType
	}
	fi := l.fnInfo[m]
	if fi == nil || fi.retAnnot == nil || fi.retAnnot.result == nil {
		return unknownType
	}
	if annotatedSelfName(fi.retAnnot.result, m.Class) {
		return t
	}
	if b, ok := l.boundTypeVar(fi.retAnnot.result, t, m.Class); ok {
		return b
	}
	return l.annotType(fi.retAnnot.result)
}

// annotatedSelfName reports whether an annotation names the class that
// defines __await__ (Self, or the class's own name): awaiting gives the
// same instance, of whichever subclass it was made.
func annotatedSelfName(a *annotation, c *asyncir.Class) bool {
	if c == nil || len(a.names) != 1 {
		return false
	}
	n := lastDot(a.names[0])
	return n == "Self" || n == c.Name
}
