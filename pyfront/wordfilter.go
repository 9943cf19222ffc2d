package pyfront

import "math/bits"

// wordFilter is a Bloom filter of the words of a text (maximal runs of
// identifier bytes, as containsWord sees them). A file the fast path
// skips is asked, round after round, whether it mentions async names of
// the modules it imports; the filter answers most of those questions
// without the text, which is then not kept in memory (about 1/32 of its
// size instead). A "maybe" is settled on the text itself, read again.
type wordFilter []uint64

// newWordFilter indexes the words of src in about len(src)/4 bits (a
// file holds far fewer distinct words than bytes/4, so few answers are
// false "maybe"s).
func newWordFilter(src []byte) wordFilter { return newWordFilterAlso(src, nil) }

// newWordFilterAlso is newWordFilter that, when spelled is set, also
// gives it the words of src of minMemberName bytes or more, but not the
// name after "def" (members.go): one pass over the text for both.
func newWordFilterAlso(src []byte, spelled defNames) wordFilter {
	n := max(len(src)/4, 256)
	f := make(wordFilter, 1<<bits.Len(uint(n-1))/64)
	eachWordHash(src, func(h uint64, size int, afterDef bool) {
		f.add(h)
		if spelled != nil && !afterDef && size >= minMemberName {
			spelled.set(h)
		}
	})
	return f
}

// eachWordHash calls f with the hash of each word of src, its length and
// whether it follows the word "def".
func eachWordHash(src []byte, f func(h uint64, size int, afterDef bool)) {
	h, in, start, afterDef := uint64(fnvOffset), false, 0, false
	for i, c := range src {
		if identBytes[c] {
			if !in {
				start, in = i, true
			}
			h = (h ^ uint64(c)) * fnvPrime
			continue
		}
		if in {
			f(h, i-start, afterDef)
			afterDef = i-start == 3 && string(src[start:i]) == "def"
			h, in = fnvOffset, false
		}
	}
	if in {
		f(h, len(src)-start, afterDef)
	}
}

// identBytes is isIdentByte as a table.
var identBytes = func() (t [256]bool) {
	for c := range t {
		t[c] = isIdentByte(byte(c))
	}
	return t
}()

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// add sets the two bits of a word's hash.
func (f wordFilter) add(h uint64) {
	mask := uint64(len(f))*64 - 1
	a, b := h&mask, (h>>32)&mask
	f[a/64] |= 1 << (a % 64)
	f[b/64] |= 1 << (b % 64)
}

// mayContain reports whether the text may hold name as a word; false is
// certain. A name that is not one word (empty, or with a byte that
// separates words) is always a "maybe".
func (f wordFilter) mayContain(name string) bool {
	if name == "" {
		return true
	}
	h := uint64(fnvOffset)
	for i := 0; i < len(name); i++ {
		if !identBytes[name[i]] {
			return true
		}
		h = (h ^ uint64(name[i])) * fnvPrime
	}
	mask := uint64(len(f))*64 - 1
	a, b := h&mask, (h>>32)&mask
	return f[a/64]&(1<<(a%64)) != 0 && f[b/64]&(1<<(b%64)) != 0
}
