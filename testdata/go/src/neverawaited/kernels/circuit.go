package kernels

import (
	"errors"
	"time"
)

// A circuit breaker whose Call runs the circuit through a method started
// as a goroutine with the result channel as its argument, and returns on
// timeout; the method's send on the unbuffered channel then blocks
// forever (modelled on rubyist/circuitbreaker#35).
var errBreakerTimeout = errors.New("breaker time out")

type breaker struct{ fails int }

func (cb *breaker) Call(circuit func() error, timeout time.Duration) error {
	c := make(chan error)
	go cb.exec(circuit, c) // want `goroutine .breaker.exec. can block forever sending on unbuffered channel .c.: .breaker.Call. can return before receiving every value \(AL151\)`
	select {
	case err := <-c:
		return err
	case <-time.After(timeout):
		cb.fails++
		return errBreakerTimeout
	}
}

func (cb *breaker) exec(circuit func() error, c chan<- error) {
	c <- circuit()
}

// Fixed: the result channel holds the one result.
type breakerFixed struct{ fails int }

func (cb *breakerFixed) Call(circuit func() error, timeout time.Duration) error {
	c := make(chan error, 1)
	go cb.exec(circuit, c)
	select {
	case err := <-c:
		return err
	case <-time.After(timeout):
		cb.fails++
		return errBreakerTimeout
	}
}

func (cb *breakerFixed) exec(circuit func() error, c chan<- error) {
	c <- circuit()
}

func slowCircuit() error {
	time.Sleep(30 * time.Millisecond)
	return nil
}

// RunCircuit calls a circuit that outlives the timeout.
func RunCircuit() {
	cb := &breaker{}
	_ = cb.Call(slowCircuit, time.Millisecond)
	time.Sleep(60 * time.Millisecond)
}

// RunCircuitFixed does the same with the fixed twin.
func RunCircuitFixed() {
	cb := &breakerFixed{}
	_ = cb.Call(slowCircuit, time.Millisecond)
	time.Sleep(60 * time.Millisecond)
}
