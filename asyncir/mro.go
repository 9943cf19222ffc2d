package asyncir

// Ancestry lists c and its program bases in Python's method resolution
// order (the C3 linearization), c first: for
//
//	class AsyncFileContentsManager(FileContentsManager, AsyncFileManagerMixin)
//
// where FileContentsManager(FileManagerMixin) and
// AsyncFileManagerMixin(FileManagerMixin), AsyncFileManagerMixin's
// coroutine _read_notebook wins over FileManagerMixin's blocking one,
// which a depth-first walk would reach first. Bases defined elsewhere are
// left out of the linearization; a hierarchy C3 rejects (Python raises
// TypeError when it is defined) or a cycle falls back to depth-first order.
func (c *Class) Ancestry() []*Class {
	if c == nil {
		return nil
	}
	if single(c) {
		return depthFirst(c)
	}
	if out := linearize(c, map[*Class]bool{}); out != nil {
		return out
	}
	return depthFirst(c)
}

// DerivesFrom reports whether k is c or one of its program bases.
func (c *Class) DerivesFrom(k *Class) bool {
	for _, x := range c.Ancestry() {
		if x == k {
			return true
		}
	}
	return false
}

// single reports whether every class above c has at most one program
// base, where depth-first order is the MRO (and costs less).
func single(c *Class) bool {
	for k, n := c, 0; k != nil && n < 1000; n++ {
		switch len(k.Bases) {
		case 0:
			return true
		case 1:
			k = k.Bases[0]
		default:
			return false
		}
	}
	return false
}

func depthFirst(c *Class) []*Class {
	var out []*Class
	seen := map[*Class]bool{}
	var walk func(*Class)
	walk = func(k *Class) {
		if k == nil || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, k)
		for _, b := range k.Bases {
			walk(b)
		}
	}
	walk(c)
	return out
}

// linearize is c's C3 linearization, or nil when there is none; busy
// holds the classes being linearized (a cycle has none).
func linearize(c *Class, busy map[*Class]bool) []*Class {
	if busy[c] {
		return nil
	}
	busy[c] = true
	defer delete(busy, c)
	var seqs [][]*Class
	for _, b := range c.Bases {
		if b == nil {
			continue
		}
		l := linearize(b, busy)
		if l == nil {
			return nil
		}
		seqs = append(seqs, l)
	}
	var direct []*Class
	for _, b := range c.Bases {
		if b != nil {
			direct = append(direct, b)
		}
	}
	seqs = append(seqs, direct)
	return merge([]*Class{c}, seqs)
}

// merge is C3's merge: repeatedly take the first head that is in no
// sequence's tail.
func merge(out []*Class, seqs [][]*Class) []*Class {
	for {
		var head *Class
		for _, s := range seqs {
			if len(s) == 0 || inTail(s[0], seqs) {
				continue
			}
			head = s[0]
			break
		}
		if head == nil {
			for _, s := range seqs {
				if len(s) > 0 {
					return nil // inconsistent
				}
			}
			return out
		}
		out = append(out, head)
		for i, s := range seqs {
			if len(s) > 0 && s[0] == head {
				seqs[i] = s[1:]
			}
		}
	}
}

func inTail(k *Class, seqs [][]*Class) bool {
	for _, s := range seqs {
		if len(s) == 0 {
			continue
		}
		for _, t := range s[1:] {
			if t == k {
				return true
			}
		}
	}
	return false
}
