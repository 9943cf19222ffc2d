package neverawaited

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
