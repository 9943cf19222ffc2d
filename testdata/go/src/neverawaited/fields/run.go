package fields

import "time"

// RunLeaks takes one value from the node and closes it: run blocks on
// its next send.
func RunLeaks() {
	n := newNode()
	n.Next()
	n.Close()
	n.Next()
	time.Sleep(5 * time.Millisecond)
}

// RunClean does the same with the fixed twins.
func RunClean() {
	n := newStoppableNode()
	n.Next()
	n.Close()
	n.Next()
	j := startJob(func() error { return nil })
	close(j.quit)
	_ = j.wait()
	m := newMonitor()
	m.events <- 0
	close(m.stop)
	newAcceptServer().Shutdown()
	_ = twoResults(func() (int, error) { return 0, nil }, func() error { return nil })
	time.Sleep(5 * time.Millisecond)
}
