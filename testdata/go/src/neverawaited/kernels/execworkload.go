package kernels

import (
	"errors"
	"time"
)

// An exec service whose producer goroutine feeds the user's commands to
// a workload on an unbuffered channel; the consuming helper returns on
// its first write error, and the producer blocks forever on its next
// send (modelled on projecteru2/core#398).
var errWorkloadGone = errors.New("workload gone")

type execService struct{ write func([]byte) error }

func (s *execService) ExecuteWorkload(cmds [][]byte) error {
	inCh := make(chan []byte)
	go func() { // want `goroutine .execService.ExecuteWorkload.func1. can block forever sending on unbuffered channel .inCh.: .execService.ExecuteWorkload. can return before receiving every value \(AL151\)`
		defer close(inCh)
		for _, c := range cmds {
			inCh <- c
		}
	}()
	return s.forward(inCh)
}

func (s *execService) forward(inCh <-chan []byte) error {
	for b := range inCh {
		if err := s.write(b); err != nil {
			return err
		}
	}
	return nil
}

// Fixed: the consumer drains the channel after an error.
type execServiceFixed struct{ write func([]byte) error }

func (s *execServiceFixed) ExecuteWorkload(cmds [][]byte) error {
	inCh := make(chan []byte)
	go func() {
		defer close(inCh)
		for _, c := range cmds {
			inCh <- c
		}
	}()
	return s.forward(inCh)
}

func (s *execServiceFixed) forward(inCh <-chan []byte) error {
	var err error
	for b := range inCh {
		if err == nil {
			err = s.write(b)
		}
	}
	return err
}

func brokenWrite([]byte) error { return errWorkloadGone }

// RunExecWorkload sends two commands to a workload that is gone.
func RunExecWorkload() {
	s := &execService{write: brokenWrite}
	_ = s.ExecuteWorkload([][]byte{[]byte("ls"), []byte("pwd")})
	time.Sleep(5 * time.Millisecond)
}

// RunExecWorkloadFixed does the same with the fixed twin.
func RunExecWorkloadFixed() {
	s := &execServiceFixed{write: brokenWrite}
	_ = s.ExecuteWorkload([][]byte{[]byte("ls"), []byte("pwd")})
	time.Sleep(5 * time.Millisecond)
}
