package neverawaited

import "github.com/asynclint/asynclint/asyncir"

// byField holds one record per struct field (by field key); order lists
// the keys as they were first met, so that findings come out in source
// order.
// The field rules (goleak_field.go, goleak_stoponce.go,
// goleak_unreceived.go) each gather their uses of a field into one.
type byField[T any] struct {
	records map[string]*T
	order   []string
}

// use is key's record, made empty on first use.
func (b *byField[T]) use(key string) *T {
	if b.records == nil {
		b.records = map[string]*T{}
	}
	r := b.records[key]
	if r == nil {
		r = new(T)
		b.records[key] = r
		b.order = append(b.order, key)
	}
	return r
}

// getterReturn reports whether op is a getter handing back the channel
// field v holds as a receive-only channel (return m.syncCh in
// m.SyncCh()): whoever gets it can neither send on it nor close it. For
// the rules that ask who sends or closes, it hands the channel to
// nobody; the rules that ask who receives must count it as handed on.
func getterReturn(op *asyncir.Op, v *asyncir.Value) bool {
	return op.Kind == asyncir.OpReturn && v.Track != nil && v.Track.Field != "" && op.Func().ReturnsField == v.Track.Field
}
