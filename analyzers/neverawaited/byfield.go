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
// field v holds (return c.outgoing in c.out()): its callers' results are
// that field again, so the return hands the channel to nobody new.
func getterReturn(op *asyncir.Op, v *asyncir.Value) bool {
	return op.Kind == asyncir.OpReturn && v.Track != nil && v.Track.Field != "" && op.Func().ReturnsField == v.Track.Field
}
