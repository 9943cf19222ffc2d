package asyncir

// The lock summaries: which mutexes a function takes and releases on
// places its inputs reach (c.mu of its receiver c), so that a call
// passing c tells its caller what happens to c.mu. Calls into another
// package read the same from the callee's model (Locks, Unlocks), which
// the Go frontend fills from that package's facts.

// Place is a sync primitive as a function sees it: a root value (an
// input, a local) and the field path from it.
type Place struct {
	Root *Value
	Path string
}

// PlaceOf is where the primitive v lives (or the struct that holds
// primitives).
func PlaceOf(v *Value) Place {
	if v.Track != nil && v.Track.Root != nil {
		return Place{v.Track.Root, v.Track.Path}
	}
	if from := v.From(); from != nil {
		return *from
	}
	return Place{v, ""}
}

// InputLock is a lock a function takes (or releases) on the place Path
// below its input Input. At is the Lock call, in that function or one it
// calls; nil when the function is in another package.
type InputLock struct {
	Input int
	Path  string
	Kind  LockOp
	// Held: every path returns with the lock still held (a Lock
	// helper): the caller holds it after the call.
	Held bool
	// Must: every path of the function takes it, or returns early
	// without doing the work that follows it, or skips it only by a loop
	// that never turns (a helper called on every turn of a range); not
	// only the paths a flag selects (if !hasLock { mu.Lock() }, then the
	// same work).
	Must bool
	At   *Op
}

// LockCall returns the mutex op locks or unlocks and how, for a call or
// a defer of a sync.Mutex/RWMutex method.
func LockCall(models *Models, op *Op) (*Value, LockOp) {
	if (op.Kind != OpCall && op.Kind != OpDefer) || op.Recv == nil || op.Recv.Type().Await != Mutex {
		return nil, NoLockOp
	}
	if m := models.API(op.External); m != nil && m.Lock != NoLockOp {
		return op.Recv, m.Lock
	}
	return nil, NoLockOp
}

// Acquires reports whether k takes a lock.
func Acquires(k LockOp) bool { return k == LockWrite || k == LockRead }

// ReleaseOf is the unlock that matches a lock.
func ReleaseOf(k LockOp) LockOp {
	if k == LockRead {
		return UnlockRead
	}
	return UnlockWrite
}

// InputOf is the index of f's input that pl is rooted at, or -1.
func InputOf(f *Func, pl Place) int {
	for i, in := range f.Inputs {
		if in == pl.Root {
			return i
		}
	}
	return -1
}

// CalleePlace is the caller's place of a callee's input lock: the value
// the call binds to the input, followed by the callee's path.
func CalleePlace(op *Op, a InputLock) (Place, bool) {
	b := Bound(op, a.Input)
	if op.Callee == nil {
		b = boundExternal(op, a.Input)
	}
	if b == nil {
		return Place{}, false
	}
	pl := PlaceOf(b)
	pl.Path += a.Path
	return pl, true
}

// boundExternal is the value a call of a function of another package
// binds to its input i: the receiver first, then the arguments.
func boundExternal(op *Op, i int) *Value {
	if op.Recv != nil {
		if i == 0 {
			return op.Recv
		}
		i--
	}
	if i >= 0 && i < len(op.Args) {
		return op.Args[i]
	}
	return nil
}

// LockSummaries holds, per function of a module, the locks it takes on
// places its inputs reach and keeps (while its caller may hold them),
// and the places it releases.
type LockSummaries struct {
	models   *Models
	acquired map[*Func][]InputLock
	released map[*Func][]InputLock
}

// NewLockSummaries computes the summaries of m's functions.
func NewLockSummaries(models *Models, m *Module) *LockSummaries {
	s := &LockSummaries{models: models, acquired: map[*Func][]InputLock{}, released: map[*Func][]InputLock{}}
	// Summaries grow monotonically; a few rounds reach the call depths
	// that matter, and bound the work on deep call chains.
	for round := 0; round < 4; round++ {
		changed := false
		for _, f := range m.Funcs {
			changed = s.summarize(f) || changed
		}
		if !changed {
			break
		}
	}
	return s
}

// Of returns what f takes and releases on places of its inputs.
func (s *LockSummaries) Of(f *Func) (acquired, released []InputLock) {
	return s.acquired[f], s.released[f]
}

// Acquired lists the locks the call op takes on places of its callee's
// inputs; At is op itself for a callee in another package.
func (s *LockSummaries) Acquired(op *Op) []InputLock {
	return s.calleeLocks(op, s.acquired, func(m *APIModel) []InputLock { return m.Locks })
}

// Released lists the places the call op releases.
func (s *LockSummaries) Released(op *Op) []InputLock {
	return s.calleeLocks(op, s.released, func(m *APIModel) []InputLock { return m.Unlocks })
}

func (s *LockSummaries) calleeLocks(op *Op, local map[*Func][]InputLock, external func(*APIModel) []InputLock) []InputLock {
	if op.Callee != nil {
		return local[op.Callee]
	}
	if op.Kind != OpCall && op.Kind != OpDefer {
		return nil
	}
	m := s.models.API(op.External)
	if m == nil {
		return nil
	}
	ls := external(m)
	out := make([]InputLock, len(ls))
	for i, l := range ls {
		l.At = op
		out[i] = l
	}
	return out
}

func (s *LockSummaries) summarize(f *Func) bool {
	changed := false
	add := func(to map[*Func][]InputLock, a InputLock) {
		for i, x := range to[f] {
			if x.Input == a.Input && x.Path == a.Path && x.Kind == a.Kind {
				// Held only falls: a release learned in a later round
				// (a deferred closure summarized after its parent).
				if x.Held && !a.Held || x.Must && !a.Must {
					to[f][i].Held = x.Held && a.Held
					to[f][i].Must = x.Must && a.Must
					changed = true
				}
				return
			}
		}
		to[f] = append(to[f], a)
		changed = true
	}
	f.Ops(func(op *Op) {
		if m, kind := LockCall(s.models, op); m != nil {
			pl := PlaceOf(m)
			i := InputOf(f, pl)
			if i < 0 {
				return
			}
			switch {
			case Acquires(kind) && op.Kind == OpCall:
				// Taken while a caller may hold it: only when no release
				// of the same place comes first (unlock, work, relock).
				if ReachedFromEntry(op, func(o *Op) bool { return o.Kind != OpDefer && s.releasesAny(o, pl) }) {
					add(s.acquired, InputLock{i, pl.Path, kind, s.keptAfter(op, pl, kind), unlessBailed(op) || onlyEmptyLoopsSkip(op), op})
				}
			case !Acquires(kind):
				add(s.released, InputLock{i, pl.Path, kind, false, OnEveryPath(op), op})
			}
			return
		}
		for _, a := range s.Acquired(op) {
			if pl, ok := CalleePlace(op, a); ok && op.Kind == OpCall {
				// Only what the call takes while f's caller may still hold
				// it: f has not released it first (resetAndUnlock).
				if i := InputOf(f, pl); i >= 0 && ReachedFromEntry(op, func(o *Op) bool { return o.Kind != OpDefer && s.releasesAny(o, pl) }) {
					add(s.acquired, InputLock{i, pl.Path, a.Kind, a.Held && s.keptAfter(op, pl, a.Kind), a.Must && (unlessBailed(op) || onlyEmptyLoopsSkip(op)), a.At})
				}
			}
		}
		for _, a := range s.Released(op) {
			if pl, ok := CalleePlace(op, a); ok {
				if i := InputOf(f, pl); i >= 0 {
					add(s.released, InputLock{i, pl.Path, a.Kind, false, a.Must && OnEveryPath(op), a.At})
				}
			}
		}
	})
	return changed
}

// Releases reports whether o unlocks pl, locked with kind k: an Unlock
// call or defer, or a call of a function that unlocks it.
func (s *LockSummaries) Releases(o *Op, pl Place, k LockOp) bool {
	want := ReleaseOf(k)
	if m, kind := LockCall(s.models, o); m != nil {
		return kind == want && PlaceOf(m) == pl
	}
	for _, a := range s.Released(o) {
		if cp, ok := CalleePlace(o, a); ok && cp == pl && a.Kind == want {
			return true
		}
	}
	return false
}

// releasesAny reports whether o releases pl in either mode: a function
// that drops its caller's read lock to take the write lock
// (RUnlock, Lock, defer RLock) does not take it while the caller holds
// it.
func (s *LockSummaries) releasesAny(o *Op, pl Place) bool {
	return s.Releases(o, pl, LockWrite) || s.Releases(o, pl, LockRead)
}

// keptAfter reports whether the lock op's function returns with pl
// still held on every path, releasing it nowhere: a Lock helper. A
// function that releases it on some path (lockIfReady, or a forgotten
// Unlock on an error path) is not one: its caller cannot tell.
func (s *LockSummaries) keptAfter(op *Op, pl Place, k LockOp) bool {
	released := false
	op.Func().Ops(func(o *Op) { released = released || s.Releases(o, pl, k) })
	if released {
		return false
	}
	c, _ := CheapestExit(op, PathCost{})
	return c < Inf
}

// HeldLock is a lock a call leaves held, on a place of the caller.
type HeldLock struct {
	Place Place
	Kind  LockOp
}

// HeldAfter lists the locks the call op leaves held for its caller (a
// Lock helper: c.Lock() that locks c.mu).
func (s *LockSummaries) HeldAfter(op *Op) []HeldLock {
	var out []HeldLock
	for _, a := range s.Acquired(op) {
		if !a.Held || op.Kind != OpCall {
			continue
		}
		if pl, ok := CalleePlace(op, a); ok {
			out = append(out, HeldLock{pl, a.Kind})
		}
	}
	return out
}

// OnEveryPath reports whether every path from its function's entry to a
// return runs op (it is not under a condition).
func OnEveryPath(op *Op) bool {
	for _, b := range op.Func().Blocks {
		if ret := ExitOp(b); b.Exit && ret != nil && ret != op && ReachedFromEntry(ret, func(o *Op) bool { return o == op }) {
			return false
		}
	}
	return true
}

// unlessBailed reports whether every path of op's function either runs
// op or leaves by a return that no path through op reaches (an early
// bail-out: if closed { return }). A return both kinds of path share
// means a flag chose whether op runs (if !hasLock { mu.Lock() }).
func unlessBailed(op *Op) bool {
	for _, b := range op.Func().Blocks {
		ret := ExitOp(b)
		if !b.Exit || ret == nil || ret == op || !ReachedFromEntry(ret, func(o *Op) bool { return o == op }) {
			continue
		}
		if Reaches(op, ret, nil) {
			return false
		}
		// A bail-out leaves before any work: a path that calls into
		// the package instead of op (if tls13 { ...handle... } else
		// { renegotiate() }) is another way through, not a bail-out.
		if !ReachedFromEntry(ret, func(o *Op) bool { return o == op || o.Kind == OpCall && o.Callee != nil }) {
			return false
		}
	}
	return true
}
