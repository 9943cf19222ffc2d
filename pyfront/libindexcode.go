package pyfront

import (
	"encoding/binary"
	"math"
	"slices"
)

// The split index on disk (libindex.go), in a format of its own: a warm
// run reads one index per library module it loads, and encoding/gob
// compiled a decoder for every one (each file is its own gob stream). The
// index is the skeleton, then each definition name (in order) with its
// definitions: start, end, row, keyword and the class's methods. Every
// number is a uvarint and every text its length then its bytes.

// encode writes ix.
func (ix *libIndex) encode() []byte {
	b := appendBytes(nil, ix.Skeleton)
	names := make([]string, 0, len(ix.Defs))
	for name := range ix.Defs {
		names = append(names, name)
	}
	slices.Sort(names)
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, name := range names {
		b = appendBytes(b, []byte(name))
		b = binary.AppendUvarint(b, uint64(len(ix.Defs[name])))
		for _, d := range ix.Defs[name] {
			b = binary.AppendUvarint(b, uint64(d.Start))
			b = binary.AppendUvarint(b, uint64(d.End))
			b = binary.AppendUvarint(b, uint64(d.Row))
			b = appendBytes(b, []byte(d.Kw))
			b = binary.AppendUvarint(b, uint64(len(d.Methods)))
			for _, m := range d.Methods {
				b = appendBytes(b, []byte(m))
			}
		}
	}
	return b
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodeLibIndex reads what encode wrote; ok is false for anything else.
func decodeLibIndex(b []byte) (ix libIndex, ok bool) {
	r := indexReader{b: b}
	ix.Skeleton = r.bytes()
	ix.Defs = map[string][]libDef{}
	for names := r.count(); names > 0 && r.ok(); names-- {
		name := string(r.bytes())
		ds := make([]libDef, r.count())
		for i := range ds {
			if !r.ok() {
				break
			}
			d := &ds[i]
			d.Start, d.End, d.Row = r.int(), r.int(), r.int()
			d.Kw = string(r.bytes())
			if n := r.count(); n > 0 {
				d.Methods = make([]string, n)
				for j := range d.Methods {
					d.Methods[j] = string(r.bytes())
				}
			}
		}
		ix.Defs[name] = ds
	}
	return ix, r.ok() && len(r.b) == 0
}

// indexReader reads uvarints and texts from b until one does not fit.
type indexReader struct {
	b   []byte
	bad bool
}

func (r *indexReader) ok() bool { return !r.bad }

func (r *indexReader) int() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a number of items, each of which takes at least a byte.
func (r *indexReader) count() int {
	n := r.int()
	if n > len(r.b) {
		r.bad, r.b = true, nil
		return 0
	}
	return n
}

func (r *indexReader) bytes() []byte {
	n := r.count()
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}
