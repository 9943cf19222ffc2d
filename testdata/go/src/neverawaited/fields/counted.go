package fields

import "errors"

// Clean: each accept loop sends once on done and returns; Shutdown
// counts the loops it started and receives exactly that many (the
// nats-server Shutdown shape). Nothing closes done, and nothing needs to.
type acceptServer struct {
	quit chan struct{}
	done chan bool
}

func newAcceptServer() *acceptServer {
	s := &acceptServer{quit: make(chan struct{}), done: make(chan bool, 1)}
	go s.acceptLoop()
	go s.acceptLoop()
	return s
}

func (s *acceptServer) acceptLoop() {
	<-s.quit
	s.done <- true
}

func (s *acceptServer) Shutdown() {
	close(s.quit)
	for expected := 2; expected > 0; expected-- {
		<-s.done
	}
}

// Clean: a helper that receives a counted number of results (a test's
// drainErrorsUntil, as in yamux) takes every value the goroutines send.
func drainN(errCh chan error, n int) error {
	var first error
	for found := 0; found < n; found++ {
		if err := <-errCh; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func twoResults(a func() (int, error), b func() error) error {
	errCh := make(chan error, 2)
	go func() {
		n, err := a()
		if err != nil {
			errCh <- err
			return
		}
		if n != 1 {
			errCh <- errShortWrite
		}
		errCh <- nil
	}()
	go func() { errCh <- b() }()
	return drainN(errCh, 2)
}

var errShortWrite = errors.New("short write")
