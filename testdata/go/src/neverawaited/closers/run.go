package closers

import "time"

// RunLeaks closes a flusher whose flush fails.
func RunLeaks() {
	_ = newFlusher(func() error { return errFlush }).Close()
	time.Sleep(5 * time.Millisecond)
}

// RunClean closes each clean closer twice.
func RunClean() {
	_ = newFlusher(func() error { return nil }).Close()
	c := newCASCloser()
	c.Close()
	c.Close()
	s := newSelectCloser()
	s.Close()
	s.Close()
	newNilSafeCloser().Close()
	st := newStateCloser()
	st.Close()
	st.Close()
	time.Sleep(5 * time.Millisecond)
}
